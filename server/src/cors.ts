import type { FastifyInstance } from 'fastify'

/**
 * Any origin may call the API: the H5 dev server proxies, but WeChat DevTools and a separately
 * hosted H5 build call it cross-origin. Logins travel in the Authorization header, never in
 * cookies, so "*" exposes nothing a page could not already send. Preflights are answered here for
 * every path, including ones with no route.
 */
export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('access-control-allow-origin', '*')
    // The H5 client must be able to read a rotated session token (WX-LOGIN-6).
    reply.header('access-control-expose-headers', 'X-Session-Token, X-Session-Expires-At, Retry-After')
    if (request.method !== 'OPTIONS') return done()
    // Callback form (cheaper per request than async): an early answer is sent and done is not called.
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS')
      .header('access-control-allow-headers', 'Authorization, Content-Type')
      .header('access-control-max-age', '86400')
      .send()
  })
}
