import path from 'node:path'
import { PassThrough } from 'node:stream'
import { collectAnswers, lineAsker } from '../src/cli'
import { parseFlags } from '../src/options'

/** A terminal that answers from a script and records the questions. */
function scriptedTerminal(answers: string[]) {
  const questions: string[] = []
  const ask = async (question: string) => {
    questions.push(question)
    const answer = answers.shift()
    if (answer === undefined) throw new Error(`no scripted answer for: ${question}`)
    return answer
  }
  return { ask, questions }
}

describe('answers', () => {
  test('prompts only for what the flags leave out, and asks again after a bad answer', async () => {
    const terminal = scriptedTerminal(['wx123', 'wx0123456789abcdef', 'http://api.example.com', 'https://api.example.com', ''])
    const answers = await collectAnswers(parseFlags(['my-shop']), '/work', terminal.ask)
    expect(answers).toEqual({
      targetDir: path.resolve('/work/my-shop'),
      packageName: 'my-shop',
      appid: 'wx0123456789abcdef',
      apiBase: 'https://api.example.com',
      shopName: '小店',
    })
    expect(terminal.questions.map((question) => question.split(' ')[0])).toEqual(['AppID', 'AppID', 'Production', 'Production', 'Shop'])
  })

  test('without a terminal (or with --yes) nothing is asked: defaults, and flags validated as given', async () => {
    await expect(collectAnswers(parseFlags(['my-shop', '--yes']), '/work', null)).resolves.toMatchObject({ appid: 'touristappid', apiBase: null, shopName: '小店' })
    await expect(collectAnswers(parseFlags(['my-shop', '--appid', 'wx12']), '/work', null)).rejects.toThrow('not a mini program appid')
    await expect(collectAnswers(parseFlags([]), '/work', null)).rejects.toThrow('name the folder to create')
  })
})

describe('the terminal', () => {
  test('lines typed or pasted ahead of the questions are kept, in order; the end of input cancels', async () => {
    const input = new PassThrough()
    const output = new PassThrough()
    const { ask, close } = lineAsker(input, output)
    input.write('wx0123456789abcdef\nhttps://api.example.com\n')
    await new Promise((resolve) => setImmediate(resolve))
    await expect(ask('AppID: ')).resolves.toBe('wx0123456789abcdef')
    await expect(ask('API: ')).resolves.toBe('https://api.example.com')
    const pending = ask('Shop: ')
    input.end()
    await expect(pending).rejects.toThrow('cancelled: the input ended')
    await expect(ask('again: ')).rejects.toThrow('cancelled')
    expect(output.read()?.toString()).toBe('AppID: API: Shop: again: ')
    close()
  })
})
