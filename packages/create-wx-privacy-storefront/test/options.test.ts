import path from 'node:path'
import { packageNameProblem, parseApiBase, parseAppid, parseFlags, parseShopName, parseTarget, UsageError } from '../src/options'

describe('flags', () => {
  test('values with a space or "=", switches, and the target folder', () => {
    expect(parseFlags(['my-shop', '--appid', 'wx0123456789abcdef', '--api-base=https://api.example.com', '--shop-name', '某店', '--no-install', '--no-git', '-y'])).toEqual({
      target: 'my-shop',
      appid: 'wx0123456789abcdef',
      apiBase: 'https://api.example.com',
      shopName: '某店',
      install: false,
      git: false,
      yes: true,
      help: false,
    })
  })

  test('unknown options, missing values and a second folder are refused', () => {
    expect(() => parseFlags(['--apid', 'wx0123456789abcdef'])).toThrow('unknown option --apid')
    expect(() => parseFlags(['my-shop', '--appid'])).toThrow('--appid needs a value')
    expect(() => parseFlags(['my-shop', '--appid', '--yes'])).toThrow('--appid needs a value')
    expect(() => parseFlags(['a', 'b'])).toThrow('one target folder only')
  })
})

describe('npm package names', () => {
  test.each(['my-shop', 'shop2', '@acme/shop', 'a.b_c~d'])('%s is valid', (name) => {
    expect(packageNameProblem(name)).toBeNull()
  })
  test.each([
    ['', 'empty'],
    ['My-Shop', 'lowercase'],
    ['my shop', 'only a-z'],
    ['.shop', 'cannot start with'],
    ['_shop', 'cannot start with'],
    ['a/b', 'cannot contain "/"'],
    ['http', 'reserved'],
    ['node_modules', 'reserved'],
    ['店铺', 'only a-z'],
    ['x'.repeat(215), 'at most 214'],
  ])('"%s" is refused (%s)', (name, reason) => {
    expect(packageNameProblem(name)).toContain(reason)
  })

  test('the folder name is the package name unless --name is given', () => {
    expect(parseTarget('shops/my-shop', undefined, '/work')).toEqual({ targetDir: path.resolve('/work/shops/my-shop'), packageName: 'my-shop' })
    expect(parseTarget('My Shop', 'my-shop', '/work').packageName).toBe('my-shop')
    expect(() => parseTarget('My Shop', undefined, '/work')).toThrow(/"My Shop" cannot be the package name: .*lowercase.*--name/)
    expect(() => parseTarget(undefined, undefined, '/work')).toThrow(UsageError)
  })
})

describe('appid', () => {
  test('wx + 16 lowercase hex digits is kept; empty or touristappid means the test account', () => {
    expect(parseAppid('wx0123456789abcdef')).toBe('wx0123456789abcdef')
    expect(parseAppid(undefined)).toBeNull()
    expect(parseAppid('touristappid')).toBeNull()
  })
  test.each(['wx123', 'wx0123456789ABCDEF', 'xx0123456789abcdef', 'wx0123456789abcdefg'])('%s is refused with the expected shape', (appid) => {
    expect(() => parseAppid(appid)).toThrow(/not a mini program appid: it is "wx" followed by 16 lowercase hex digits/)
  })
})

describe('API base', () => {
  test('HTTPS, trailing slashes removed, a path kept', () => {
    expect(parseApiBase('https://api.example.com/')).toBe('https://api.example.com')
    expect(parseApiBase('https://example.com/shop/')).toBe('https://example.com/shop')
    expect(parseApiBase(undefined)).toBeNull()
  })
  test('plain HTTP, non-URLs, queries and credentials are refused', () => {
    expect(() => parseApiBase('http://api.example.com')).toThrow('must be an HTTPS URL')
    expect(() => parseApiBase('api.example.com')).toThrow('is not a URL')
    expect(() => parseApiBase('https://api.example.com/?a=1')).toThrow('without query')
    expect(() => parseApiBase('https://user:pw@api.example.com')).toThrow('credentials')
  })
})

describe('shop name', () => {
  test('trimmed, default 小店, at most 20 characters', () => {
    expect(parseShopName(' 某店 ')).toBe('某店')
    expect(parseShopName('')).toBe('小店')
    expect(parseShopName('店'.repeat(20))).toBe('店'.repeat(20))
    expect(() => parseShopName('店'.repeat(21))).toThrow('at most 20 characters')
  })
  test.each(["O'Shop", 'a"b', 'a<b', 'a\\b', 'a$b', 'a\nb'])('%j is refused: it would break code or markup', (name) => {
    expect(() => parseShopName(name)).toThrow('cannot contain')
  })
})
