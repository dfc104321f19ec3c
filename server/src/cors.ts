import type { FastifyInstance } from 'fastify'

/**
 * Any origin may read the catalog: the H5 dev server proxies, but WeChat DevTools and a
 * separately hosted H5 build call the API cross-origin. No credentials are involved, so "*"
 * is safe. Preflights are answered here for every path, including ones with no route.
 */
export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', '*')
    if (request.method === 'OPTIONS') {
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
        .header('access-control-allow-headers', 'Content-Type')
        .header('access-control-max-age', '86400')
        .send()
    }
  })
}
