/**
 * Personal data at rest (docs/ARCHITECTURE.md principle 7): ID numbers are encrypted with
 * AES-256-GCM under DATA_KEY and found by a keyed hash, never stored or logged in clear.
 * Two sub-keys are derived from DATA_KEY so the lookup hash and the cipher never share a key.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

export interface DataCrypto {
  encrypt(plain: string): string
  decrypt(stored: string): string
  encryptBytes(plain: Buffer): Buffer
  decryptBytes(stored: Buffer): Buffer
  /** Deterministic keyed hash for equality look-ups (unique index on it). */
  lookupHash(value: string): string
}

export function parseDataKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64')
  if (key.length !== 32) throw new Error('DATA_KEY 必须是 32 字节密钥的 base64 编码')
  return key
}

const VERSION_1 = Buffer.from([1])

export function createDataCrypto(dataKey: Buffer): DataCrypto {
  const encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'tuanwu/enc/v1', 32))
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'tuanwu/lookup/v1', 32))

  // Fresh random IVs, drawn from the CSPRNG 4 KB at a time rather than 12 bytes per call:
  // an import encrypts 200,000 ID numbers, and a draw per number was 5 % of its CPU (issue #12).
  let ivPool = Buffer.alloc(0)
  let ivAt = 0
  function nextIv(): Buffer {
    if (ivAt + 12 > ivPool.length) {
      ivPool = randomBytes(12 * 341)
      ivAt = 0
    }
    ivAt += 12
    return ivPool.subarray(ivAt - 12, ivAt)
  }

  function encryptBytes(plain: Buffer): Buffer {
    const iv = nextIv()
    const cipher = createCipheriv('aes-256-gcm', encKey, iv)
    const body = cipher.update(plain)
    const tail = cipher.final() // empty for GCM; kept so the layout never depends on it
    // layout: version(1) | iv(12) | tag(16) | ciphertext — one copy, not two (issue #12)
    return Buffer.concat([VERSION_1, iv, cipher.getAuthTag(), body, tail])
  }
  function decryptBytes(stored: Buffer): Buffer {
    if (stored[0] !== 1) throw new Error('unknown ciphertext version')
    const decipher = createDecipheriv('aes-256-gcm', encKey, stored.subarray(1, 13))
    decipher.setAuthTag(stored.subarray(13, 29))
    return Buffer.concat([decipher.update(stored.subarray(29)), decipher.final()])
  }
  return {
    encryptBytes,
    decryptBytes,
    encrypt: (plain) => encryptBytes(Buffer.from(plain, 'utf8')).toString('base64'),
    decrypt: (stored) => decryptBytes(Buffer.from(stored, 'base64')).toString('utf8'),
    lookupHash: (value) => createHmac('sha256', macKey).update(value).digest('hex'),
  }
}
