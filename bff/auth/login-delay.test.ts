import { describe, expect, it } from 'vitest'
import { loginDelaySeconds } from './login-delay'

describe('the delay after failed logins of one name from one source', () => {
  it.each([
    [0, 0], [1, 0], [5, 0],
    [6, 30], [7, 60], [8, 120], [9, 240], [10, 480],
    [11, 900], [12, 900], [1000, 900],
  ])('after %i failures: %i s', (failures, seconds) => {
    expect(loginDelaySeconds(failures)).toBe(seconds)
  })
})
