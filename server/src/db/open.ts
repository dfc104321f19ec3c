import type { DatabaseConfig } from '../config'
import type { Database } from './database'
import { openPglite } from './pglite'
import { openPostgres, type PostgresOptions } from './postgres'

export function openDatabase(config: DatabaseConfig, options: PostgresOptions = {}): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, options) : openPglite(config.dataDir)
}
