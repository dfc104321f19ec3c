/**
 * The ceiling: a bare Fastify answering each path with what the real server answered (same body
 * bytes, same headers), with nothing else in the way. What the app achieves is reported as a share
 * of what this achieves on the same machine in the same run.
 *
 * One process serves every database's captured answers, each set on its own port (a "site"), so the
 * ceiling's JIT and heap are the same whichever app it is compared with.
 */
import Fastify from 'fastify'
import { serveMessages } from './child-process'
import type { CapturedAnswer } from './protocol'

const sites: { close(): Promise<void> }[] = []

async function serve(captured: readonly CapturedAnswer[]): Promise<number> {
  const answers = new Map(captured.map((answer) => [answer.path, { headers: answer.headers, body: Buffer.from(answer.body, 'base64') }]))
  const site = Fastify({ logger: false })
  site.get('/*', (request, reply) => {
    const answer = answers.get(request.url)
    if (!answer) return reply.code(404).send()
    return reply.headers(answer.headers).send(answer.body)
  })
  await site.listen({ host: '127.0.0.1', port: 0 })
  sites.push(site)
  const address = site.server.address()
  return typeof address === 'object' && address ? address.port : 0
}

serveMessages(async (message) => {
  if (message.type === 'serve') return { type: 'serving', port: await serve(message.answers) }
  if (message.type === 'close') {
    await Promise.all(sites.map((site) => site.close()))
    return 'exit'
  }
  throw new Error(`the ceiling does not handle ${message.type}`)
})

process.send?.({ type: 'listening', port: 0 })
