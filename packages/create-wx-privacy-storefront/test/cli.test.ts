import path from 'node:path'
import { collectAnswers } from '../src/cli'
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
