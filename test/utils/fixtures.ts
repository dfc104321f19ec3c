import type { Category, ProductDetail, ProductSummary } from '@contract/schemas'

/**
 * A small catalog in the backend's shapes. Enough products in 果蔬 for three pages of 10 on the
 * home page, one product with a sold-out SKU (p001), one fully sold out (p003) and a category
 * with no products (empty).
 */
export const CATEGORIES: Category[] = [
  { id: 'fruit', name: '新鲜水果', description: '当季鲜果，产地直发', productCount: 0, image: '/api/images/categories/fruit.png' },
  { id: 'snacks', name: '休闲零食', description: '追剧必备', productCount: 0, image: '/api/images/categories/snacks.png' },
  { id: 'drinks', name: '酒水饮料', description: '冰爽一夏', productCount: 0, image: '/api/images/categories/drinks.png' },
  { id: 'empty', name: '敬请期待', description: '新品筹备中', productCount: 0, image: '/api/images/categories/empty.png' },
]

const FRUIT_NAMES = ['烟台红富士苹果', '海南金煌芒果', '赣南脐橙', '阳光玫瑰葡萄', '四川丑橘', '广西沃柑', '山东水晶梨', '新疆哈密瓜', '云南蓝莓', '丹东草莓', '泰国山竹', '越南红心火龙果']
const SNACK_NAMES = ['手撕牛肉干', '每日坚果', '海苔脆片', '芒果干', '麻辣鸭脖', '原味薯片', '黑巧克力', '蛋黄酥']
const DRINK_NAMES = ['冷萃咖啡', '鲜榨橙汁', '无糖乌龙茶', '苏打气泡水']

function product(id: string, categoryId: string, name: string, index: number): ProductDetail {
  const priceFen = 990 + index * 350
  const skus = [
    { id: `${id}-a`, name: '标准装', priceFen, stock: 10 + index },
    { id: `${id}-b`, name: '家庭装', priceFen: priceFen * 2 - 100, stock: 5 },
  ]
  return {
    id,
    name,
    subtitle: `${name}，新鲜直达`,
    categoryId,
    priceFen,
    originalPriceFen: index % 3 === 0 ? priceFen + 500 : null,
    image: `/api/images/products/${id}/0.png`,
    sales: 1000 - index * 37,
    stock: skus.reduce((sum, sku) => sum + sku.stock, 0),
    description: `${name}，精选好货。`,
    images: [`/api/images/products/${id}/0.png`, `/api/images/products/${id}/1.png`],
    skus,
  }
}

function build(): ProductDetail[] {
  let n = 0
  const next = (categoryId: string, name: string) => {
    n += 1
    return product(`p${String(n).padStart(3, '0')}`, categoryId, name, n)
  }
  const all = [
    ...FRUIT_NAMES.map((name) => next('fruit', name)),
    ...SNACK_NAMES.map((name) => next('snacks', name)),
    ...DRINK_NAMES.map((name) => next('drinks', name)),
  ]
  // p001: one SKU sold out, a small stock on another (quantity clamping).
  const apple = all[0]!
  apple.skus = [
    { id: 'p001-5', name: '5斤装', priceFen: 3990, stock: 12 },
    { id: 'p001-10', name: '10斤装', priceFen: 6990, stock: 0 },
    { id: 'p001-gift', name: '礼盒装', priceFen: 9900, stock: 3 },
  ]
  apple.priceFen = 3990
  apple.originalPriceFen = 4990
  apple.stock = 15
  // p003: every SKU sold out.
  const orange = all[2]!
  orange.skus = orange.skus.map((sku) => ({ ...sku, stock: 0 }))
  orange.stock = 0
  return all
}

export const PRODUCTS: ProductDetail[] = build()

for (const category of CATEGORIES) {
  category.productCount = PRODUCTS.filter((p) => p.categoryId === category.id).length
}

export function summaryOf(detail: ProductDetail): ProductSummary {
  const { id, name, subtitle, categoryId, priceFen, originalPriceFen, image, sales, stock } = detail
  return { id, name, subtitle, categoryId, priceFen, originalPriceFen, image, sales, stock }
}

export function productById(id: string): ProductDetail {
  const found = PRODUCTS.find((p) => p.id === id)
  if (!found) throw new Error(`fixture product ${id} does not exist`)
  return found
}
