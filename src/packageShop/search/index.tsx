import { Button, Input, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { catalog } from '@/app-root'
import ListFooter from '@/components/list-footer'
import PageShell from '@/components/page-shell'
import ProductGrid from '@/components/product-grid'
import SortBar from '@/components/sort-bar'
import StateView from '@/components/state-view'
import { usePagedList } from '@/hooks/use-paged-list'
import type { ProductSort } from '@contract/schemas'
import { useRecentSearches } from '@/state/recent-searches'
import { MAX_KEYWORD_LENGTH, normalizeKeyword } from './keyword'
import './index.scss'

const PAGE_SIZE = 10

export default function SearchPage() {
  const [input, setInput] = useState('')
  const [keyword, setKeyword] = useState<string | null>(null)
  const [sort, setSort] = useState<ProductSort>('default')
  const [hint, setHint] = useState<string | null>(null)
  const recent = useRecentSearches()

  const results = usePagedList(
    (page) => catalog.searchProducts({ q: keyword ?? '', sort, page, pageSize: PAGE_SIZE }),
    [keyword, sort],
    { enabled: keyword !== null },
  )

  useReachBottom(() => {
    void results.loadMore()
  })

  const submit = (raw: string) => {
    const next = normalizeKeyword(raw)
    if (next === '') {
      setHint('请输入要搜索的商品名称')
      return
    }
    setHint(null)
    setInput(next)
    recent.add(next)
    // Same keyword again: deps do not change, so ask for a fresh first page explicitly.
    if (next === keyword) void results.retry()
    else setKeyword(next)
  }

  let body
  if (keyword === null) {
    body =
      recent.items.length > 0 ? (
        <View className='search__recent'>
          <View className='search__recent-head'>
            <Text className='search__recent-title'>最近搜索</Text>
            <Text className='search__recent-clear' onClick={recent.clear}>
              清空
            </Text>
          </View>
          <View className='search__tags'>
            {recent.items.map((item) => (
              <Text key={item} className='search__tag' onClick={() => submit(item)}>
                {item}
              </Text>
            ))}
          </View>
        </View>
      ) : null
  } else {
    body = (
      <View className='search__results' data-testid='search-results'>
        <SortBar value={sort} onChange={setSort} />
        {results.status === 'loading' ? <StateView kind='loading' compact /> : null}
        {results.status === 'error' ? (
          <StateView kind='error' title={results.error?.message} onAction={() => void results.retry()} />
        ) : null}
        {results.status === 'ready' && results.items.length === 0 ? (
          <StateView kind='empty' title={`没有找到与「${keyword}」相关的商品`} description='换个关键词试试' />
        ) : null}
        {results.items.length > 0 ? (
          <View className='search__grid'>
            <ProductGrid products={results.items} />
            <ListFooter list={results} />
          </View>
        ) : null}
      </View>
    )
  }

  return (
    <PageShell>
      <View className='search'>
        <View className='search__bar'>
          <Input
            className='search__input'
            value={input}
            placeholder='搜索商品名称'
            confirmType='search'
            maxlength={MAX_KEYWORD_LENGTH}
            focus
            onInput={(e) => {
              setInput(e.detail.value)
              if (hint) setHint(null)
            }}
            onConfirm={(e) => submit(e.detail.value)}
          />
          <Button className='search__submit' onClick={() => submit(input)}>
            搜索
          </Button>
        </View>
        {hint ? <Text className='search__hint'>{hint}</Text> : null}
        {body}
      </View>
    </PageShell>
  )
}
