/**
 * "Try another path from here": POST /api/sessions/:id/branches. The debrief calls it without a
 * secret (an ended parent is open to anyone holding its debrief link); mission control sends the
 * host secret (a running parent needs it). The host of the parent hosts the branch: its secret is
 * remembered here, under the branch's code, before the host console opens.
 */
import type { BranchedSession } from '../../server/protocol/events.ts';
import type { BranchSessionRequest } from '../../server/protocol/payloads.ts';
import { formatJoinCode, normalizeJoinCode } from '../../server/protocol/join-code.ts';
import { postSession } from '../lib/api.ts';
import { saveHostSecret } from '../lib/storage.ts';
import { navigate } from '../router/navigate.ts';

export function createBranch(sessionId: string, request: BranchSessionRequest): Promise<BranchedSession> {
  return postSession(`/api/sessions/${encodeURIComponent(sessionId)}/branches`, request);
}

/** Remember the branch's host secret and open its host console (join code and QR up front). */
export function openBranchHostConsole(branch: BranchedSession): void {
  saveHostSecret(branch.code, branch.hostSecret);
  navigate(`/host/${formatJoinCode(normalizeJoinCode(branch.code) ?? branch.code)}`);
}
