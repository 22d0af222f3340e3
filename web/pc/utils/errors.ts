/**
 * The API's message as it is (issue #5), with one exception: schema and rule errors start with
 * the field's path (`currentPassword: 当前密码不正确`), which means nothing to a cadre.
 */
import { errorMessage } from '@/api/http'

export function pcErrorMessage(e: unknown): string {
  return errorMessage(e)
    .split('；')
    .map((part) => part.replace(/^[A-Za-z_][\w.[\]/]*: /, ''))
    .join('；')
}
