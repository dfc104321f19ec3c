/**
 * The ceiling: a bare Fastify answering each path with bytes captured from the real server (same
 * body, same content type), with nothing else in the way. What the app achieves is reported as a
 * share of what this achieves on the same machine in the same run.
 */
import Fastify from 'fastify'
import { serveMessages } from './child-process'
import type { CapturedAnswer } from './protocol'

const answers = new Map<string, { contentType: string; body: Buffer }>()
const app = Fastify({ logger: false })
app.get('/*', (request, reply) => {
  const answer = answers.get(request.url)
  if (!answer) return reply.code(404).send()
  return reply.type(answer.contentType).send(answer.body)
})

function load(captured: readonly CapturedAnswer[]): void {
  for (const answer of captured) answers.set(answer.path, { contentType: answer.contentType, body: Buffer.from(answer.body, 'base64') })
}

serveMessages(async (message) => {
  if (message.type === 'serve') {
    load(message.answers)
    return { type: 'ok' }
  }
  if (message.type === 'close') {
    await app.close()
    return 'exit'
  }
  throw new Error(`the ceiling does not handle ${message.type}`)
})

app.listen({ host: '127.0.0.1', port: 0 }).then(
  () => {
    const address = app.server.address()
    process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 })
  },
  (error: unknown) => process.send?.({ type: 'failed', message: String(error) }),
)
