import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, LevelWithSilentOrString } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'

/** pino's loggers answer this; a logger that does not is treated as logging every level. */
export function levelEnabled(logger: FastifyBaseLogger, level: Level): boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled
  return typeof check === 'function' ? check.call(logger, level) : true
}

/**
 * A request's logger that becomes a real child of the app's logger only when a line is written.
 * fastify makes a pino child for every request (its bindings serialised and run through the
 * redaction paths: about 3 µs of a cached catalog answer's 50-60 in the bench's profile), while most
 * requests write nothing at the configured level (with LOG_LEVEL=warn, none that succeed). The line,
 * when there is one, is the same: the child is made with the same bindings and options.
 */
class DeferredChildLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | null = null

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  fatal(...args: unknown[]): void {
    this.write('fatal', args)
  }

  error(...args: unknown[]): void {
    this.write('error', args)
  }

  warn(...args: unknown[]): void {
    this.write('warn', args)
  }

  info(...args: unknown[]): void {
    this.write('info', args)
  }

  debug(...args: unknown[]): void {
    this.write('debug', args)
  }

  trace(...args: unknown[]): void {
    this.write('trace', args)
  }

  silent(): void {
    // pino's silent level writes nothing
  }

  get level(): LevelWithSilentOrString {
    return this.made ? this.made.level : this.parent.level
  }

  set level(level: LevelWithSilentOrString) {
    this.real().level = level
  }

  isLevelEnabled(level: Level): boolean {
    return levelEnabled(this.made ?? this.parent, level)
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real().child(bindings, options)
  }

  private real(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options)
    return this.made
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return
    const logger = this.real()
    Reflect.apply(logger[level], logger, args)
  }
}

/**
 * fastify's childLoggerFactory: deferred request loggers, except where a route sets its own level
 * or serializers (then the child differs from the parent before it writes anything).
 */
export function deferredRequestLoggers(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined) return logger.child(bindings, options)
  return new DeferredChildLogger(logger, bindings, options)
}
