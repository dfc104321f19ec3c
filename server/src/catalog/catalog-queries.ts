import type { Category, Page, ProductDetail, ProductSort, ProductSummary, Sku } from '../contract'
import type { Queryable } from '../db/database'
import { categoryImagePath, productImagePath } from './image-paths'

/**
 * Listed products that can be bought, with the lowest SKU price and total stock. Products
 * without any SKU are left out everywhere so counts and lists agree.
 */
const PRODUCT_SUMMARY_FROM = `
  from products p
  join (
    select product_id, min(price_fen)::int as price_fen, sum(stock)::int as stock
    from skus group by product_id
  ) s on s.product_id = p.id
  join categories c on c.id = p.category_id`

const SUMMARY_COLUMNS = `p.id, p.name, p.subtitle, p.category_id, s.price_fen, p.original_price_fen,
  p.sales, s.stock`

/** Fixed SQL per sort value; user input never reaches ORDER BY. The id keeps ties stable across pages. */
const ORDER_BY: Record<ProductSort, string> = {
  default: 'p.sort_order, p.id',
  sales: 'p.sales desc, p.id',
  price_asc: 's.price_fen, p.id',
  price_desc: 's.price_fen desc, p.id',
}

interface ProductRow {
  id: string
  name: string
  subtitle: string
  category_id: string
  price_fen: number
  original_price_fen: number | null
  sales: number
  stock: number
}

function toSummary(row: ProductRow): ProductSummary {
  return {
    id: row.id,
    name: row.name,
    subtitle: row.subtitle,
    categoryId: row.category_id,
    priceFen: row.price_fen,
    originalPriceFen: row.original_price_fen,
    image: productImagePath(row.id, 0),
    sales: row.sales,
    stock: row.stock,
  }
}

export interface PageRequest {
  sort: ProductSort
  page: number
  pageSize: number
}

export async function listCategories(db: Queryable): Promise<Category[]> {
  const rows = await db.query<{ id: string; name: string; description: string; product_count: number }>(
    `select c.id, c.name, c.description,
       (select count(*)::int from products p
        where p.category_id = c.id and p.is_listed and exists (select 1 from skus where product_id = p.id)
       ) as product_count
     from categories c
     order by c.sort_order, c.id`,
  )
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    productCount: row.product_count,
    image: categoryImagePath(row.id),
  }))
}

export async function categoryExists(db: Queryable, categoryId: string): Promise<boolean> {
  const rows = await db.query('select 1 from categories where id = $1', [categoryId])
  return rows.length > 0
}

/** One page of listed products matching `where` (which may use $1.. params); the total ignores paging. */
async function pageOfProducts(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  request: PageRequest,
): Promise<Page<ProductSummary>> {
  const filter = `where p.is_listed and (${where})`
  const n = params.length
  const [countRows, rows] = await Promise.all([
    db.query<{ total: number }>(`select count(*)::int as total ${PRODUCT_SUMMARY_FROM} ${filter}`, params),
    db.query<ProductRow>(
      `select ${SUMMARY_COLUMNS} ${PRODUCT_SUMMARY_FROM} ${filter}
       order by ${ORDER_BY[request.sort]}
       limit $${n + 1} offset $${n + 2}`,
      [...params, request.pageSize, (request.page - 1) * request.pageSize],
    ),
  ])
  return {
    items: rows.map(toSummary),
    page: request.page,
    pageSize: request.pageSize,
    total: countRows[0]?.total ?? 0,
  }
}

export function listProducts(
  db: Queryable,
  categoryId: string | undefined,
  request: PageRequest,
): Promise<Page<ProductSummary>> {
  return categoryId === undefined
    ? pageOfProducts(db, 'true', [], request)
    : pageOfProducts(db, 'p.category_id = $1', [categoryId], request)
}

/** Escapes LIKE wildcards so user text matches literally ("%" finds a percent sign, not everything). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`)
}

export function searchProducts(db: Queryable, q: string, request: PageRequest): Promise<Page<ProductSummary>> {
  return pageOfProducts(
    db,
    `p.name ilike $1 escape '\\' or p.subtitle ilike $1 escape '\\' or c.name ilike $1 escape '\\'`,
    [`%${escapeLike(q)}%`],
    request,
  )
}

export async function getProduct(db: Queryable, productId: string): Promise<ProductDetail | null> {
  const [row] = await db.query<ProductRow & { description: string }>(
    `select ${SUMMARY_COLUMNS}, p.description ${PRODUCT_SUMMARY_FROM} where p.is_listed and p.id = $1`,
    [productId],
  )
  if (!row) return null
  const [skus, images] = await Promise.all([
    db.query<{ id: string; name: string; price_fen: number; stock: number }>(
      'select id, name, price_fen, stock from skus where product_id = $1 order by sort_order, id',
      [productId],
    ),
    db.query<{ position: number }>('select position from product_images where product_id = $1 order by position', [
      productId,
    ]),
  ])
  const skuList: Sku[] = skus.map((sku) => ({ id: sku.id, name: sku.name, priceFen: sku.price_fen, stock: sku.stock }))
  return {
    ...toSummary(row),
    description: row.description,
    images: images.map((image) => productImagePath(productId, image.position)),
    skus: skuList,
  }
}

/** The category of a product that has image `index`, or null when there is no such image. */
export async function findProductImage(db: Queryable, productId: string, index: number): Promise<string | null> {
  const [row] = await db.query<{ category_id: string }>(
    `select p.category_id from product_images i join products p on p.id = i.product_id
     where i.product_id = $1 and i.position = $2`,
    [productId, index],
  )
  return row?.category_id ?? null
}
