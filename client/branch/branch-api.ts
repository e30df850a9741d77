/**
 * "Try another path from here" from the debrief: POST /api/sessions/:id/branches, without a secret
 * for an ended session (open to anyone holding its debrief link) or with the host's while it runs
 * (a preview). Mission control asks over its host socket instead (host:branch). Either way the
 * asker hosts the branch: its secret is remembered under the branch's code before its console opens.
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
