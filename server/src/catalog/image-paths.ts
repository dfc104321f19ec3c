/** Public image URLs, relative to the API origin (the client prefixes its base URL). */
export const productImagePath = (productId: string, index: number): string =>
  `/api/images/products/${productId}/${index}.png`

export const categoryImagePath = (categoryId: string): string => `/api/images/categories/${categoryId}.png`
