/**
 * 催办 from a 下级待办 row (docs/DOMAIN.md §6), shared by phone and PC: confirm, send, say to
 * how many operators it went, and mark the row (also when the server says it was already sent
 * today, 429 REMIND_LIMIT).
 */
import { showSuccessToast, showToast } from 'vant'
import { confirmDialog } from '@/utils/dialogs'
import type { BacklogRow } from '@shared/api/backlog'
import { remindOrg } from '@/api/backlog'
import { ApiError, errorMessage } from '@/api/http'

export async function remindRow(row: BacklogRow, markReminded: (row: BacklogRow) => void): Promise<void> {
  const counts = `资料审核${row.profileReviewsPending}条、转接${row.transfersPending}条待处理${row.overdue ? `，${row.overdue}条已超时` : ''}`
  try {
    await confirmDialog({ title: '催办', message: `向${row.org.name}的运营者发送企业微信催办消息？\n${counts}\n每个组织每天只能催办一次。`, confirmButtonText: '发送' })
  } catch {
    return
  }
  try {
    const { sentTo } = await remindOrg(row.org.id)
    markReminded(row)
    showSuccessToast(`已向${sentTo}名运营者发送催办`)
  } catch (e) {
    if (e instanceof ApiError && e.code === 'REMIND_LIMIT') markReminded(row)
    showToast(errorMessage(e))
  }
}
