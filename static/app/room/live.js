// One live connection per open case, shared by that case's pages (proposals, room, agreement)
// so moving between them neither replays the log nor loses a pending command.
import { RoomConnection } from "./connection.js";

let current = null;

export function roomFor(caseId) {
  if (current && current.caseId === caseId) return current;
  current?.close();
  current = new RoomConnection(caseId).start();
  return current;
}

export function leaveRoomsExcept(caseId) {
  if (current && current.caseId !== caseId) {
    current.close();
    current = null;
  }
}

export function draft(caseId) {
  const raw = sessionStorage.getItem(`kelisim.draft.${caseId}`);
  sessionStorage.removeItem(`kelisim.draft.${caseId}`);
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function saveDraft(caseId, value) {
  sessionStorage.setItem(`kelisim.draft.${caseId}`, JSON.stringify(value));
}
