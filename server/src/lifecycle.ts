import type { FastifyReply } from 'fastify'
import { sendError } from './errors'

/**
 * Where the process is in its life, shared by the readiness endpoint and the shutdown sequence:
 * on SIGTERM the server first stops being "ready" (a load balancer stops sending new traffic),
 * then closes its listener while in-flight requests finish.
 */
export class Lifecycle {
  #stopping = false
  #closing = false

  /** True from the shutdown signal on: /api/ready answers 503. */
  get stopping(): boolean {
    return this.#stopping
  }

  /** True once the listener is closing: requests still arriving on kept-alive connections get 503. */
  get closing(): boolean {
    return this.#closing
  }

  stop(): void {
    this.#stopping = true
  }

  close(): void {
    this.#stopping = true
    this.#closing = true
  }
}

/** Retry-After while shutting down: a restarted process (or another replica) takes over in seconds. */
const SHUTDOWN_RETRY_AFTER_SECONDS = 5

/** The 503 every request gets once the process is shutting down. */
export function sendShuttingDown(reply: FastifyReply): FastifyReply {
  reply.header('retry-after', String(SHUTDOWN_RETRY_AFTER_SECONDS))
  return sendError(reply, 503, 'SERVICE_BUSY', '服务正在重启，请稍后重试')
}
