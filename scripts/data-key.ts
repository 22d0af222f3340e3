/**
 * DATA_KEY for the commands that read or write ID numbers (import, export): from the
 * environment, or — in the demo, when it is not set — from the secrets file `npm start` wrote.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parseDataKey } from '../bff/security/data-crypto'

const DEMO_SECRETS = 'data/demo-secrets.json'

/** A refusal the command prints as it is (one Chinese line) and exits 1. */
export class Refusal extends Error {}

export function dataKeyFrom(env: NodeJS.ProcessEnv): Buffer {
  let key = env.DATA_KEY
  if (!key && existsSync(DEMO_SECRETS)) {
    try {
      key = (JSON.parse(readFileSync(DEMO_SECRETS, 'utf8')) as { dataKey?: string }).dataKey
    } catch {
      throw new Refusal(`无法读取 ${DEMO_SECRETS}，请设置环境变量 DATA_KEY`)
    }
  }
  if (!key) throw new Refusal('缺少环境变量 DATA_KEY（32 字节密钥的 base64 编码，团员身份证号码以它加密保存）。演示环境可先运行 npm start 生成密钥。')
  try {
    return parseDataKey(key)
  } catch (e) {
    throw new Refusal((e as Error).message)
  }
}
