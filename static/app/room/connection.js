// The negotiation room's live channel (docs/protocol.md), with no DOM in it: one WebSocket to
// /ws, `hello` with the case id and the last seq held, replay then live events, kept dense
// (seq = last + 1, else reconnect and resume). Every command carries an idempotency key and
// stays in `pending` until its `ack` (or a refusal); after any reconnect each pending command
// is sent again with its ORIGINAL key, so nothing is lost and nothing is stored twice. Pending
// commands also survive a page reload (sessionStorage).
//
// Listeners get {type, ...}: "status" (connecting | live | reconnecting | offline | closed),
// "event" {event, replay}, "reset" (resync: events dropped), "ack" {key, seq},
// "refused" {key, code, message, command}, "presence", "pending".

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const RATE_RETRY_MS = 1000;
// "Service restart": the server is stopping and handed this socket over (docs/protocol.md).
// Reconnect at once (another instance takes it) and say nothing unless that fails.
const SERVICE_RESTART = 1012;

export function newKey() {
  if (globalThis.crypto?.randomUUID) return globalThis.crypto.randomUUID();
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function socketUrl() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}

export class RoomConnection {
  constructor(caseId, options = {}) {
    this.caseId = caseId;
    this.url = options.url || socketUrl();
    this.Socket = options.WebSocket || globalThis.WebSocket;
    this.storage = options.storage === undefined ? globalThis.sessionStorage : options.storage;
    this.isOnline = options.isOnline || (() => globalThis.navigator?.onLine !== false);
    this.events = [];
    this.role = null;
    this.status = "connecting";
    this.pending = new Map(this.#loadPending());
    this.presence = new Map();
    this.listeners = new Set();
    this.socket = null;
    this.attempt = 0;
    this.timers = {};
    this.closed = false;
    this.welcomed = false;
    this.onOnline = () => this.#connectNow();
    this.onOffline = () => this.#drop("offline");
  }

  get lastSeq() {
    return this.events.length ? this.events[this.events.length - 1].seq : 0;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start() {
    globalThis.addEventListener?.("online", this.onOnline);
    globalThis.addEventListener?.("offline", this.onOffline);
    this.#connect();
    return this;
  }

  close() {
    this.closed = true;
    globalThis.removeEventListener?.("online", this.onOnline);
    globalThis.removeEventListener?.("offline", this.onOffline);
    this.#clearTimers();
    if (this.socket) this.socket.close(1000, "left the room");
    this.socket = null;
    this.#setStatus("closed");
  }

  // Queue a command; it is sent now when live, else as soon as the room is live again.
  send(type, body) {
    const key = newKey();
    const frame = { type, key, ...body };
    this.pending.set(key, frame);
    this.#savePending();
    this.#emit({ type: "pending", key, command: frame });
    if (this.#live()) this.#write(frame);
    return key;
  }

  // -- connection lifecycle ------------------------------------------------------------------

  #connect(quietly = false) {
    if (this.closed) return;
    this.#clearTimers();
    if (!this.isOnline()) {
      this.#setStatus("offline"); // the "online" event brings us back
      return;
    }
    if (!quietly) this.#setStatus(this.events.length || this.attempt ? "reconnecting" : "connecting");
    let socket;
    try {
      socket = new this.Socket(this.url);
    } catch {
      this.#retryLater();
      return;
    }
    this.socket = socket;
    this.welcomed = false;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.#write({ type: "hello", case_id: this.caseId, last_seq: this.lastSeq });
    };
    socket.onmessage = (message) => {
      if (socket !== this.socket) return;
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      this.#receive(frame);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      const handedOver = event?.code === SERVICE_RESTART && this.welcomed;
      this.welcomed = false;
      // Commands typed meanwhile wait in `pending`; a failed quick reconnect falls back below.
      if (handedOver) this.#connect(true);
      else this.#retryLater();
    };
    socket.onerror = () => {}; // a close follows
  }

  #connectNow() {
    if (this.closed) return;
    this.attempt = 0;
    if (this.socket) return;
    this.#connect();
  }

  // Stop using the current socket (network gone, gap, silent server) and come back later.
  #drop(reason) {
    if (this.closed) return;
    const socket = this.socket;
    this.socket = null;
    this.welcomed = false;
    if (socket) {
      try {
        socket.close(4000, reason);
      } catch {
        /* already closing */
      }
    }
    if (reason === "offline" || !this.isOnline()) {
      this.#clearTimers();
      this.#setStatus("offline");
      return;
    }
    this.#retryLater();
  }

  #retryLater() {
    if (this.closed) return;
    this.#clearTimers();
    if (!this.isOnline()) {
      this.#setStatus("offline");
      return;
    }
    this.#setStatus("reconnecting");
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    const delay = base / 2 + (Math.random() * base) / 2; // jitter: not everyone at once
    this.timers.retry = setTimeout(() => this.#connect(), delay);
  }

  #clearTimers() {
    for (const id of Object.values(this.timers)) clearTimeout(id);
    this.timers = {};
  }

  #live() {
    return this.welcomed && this.socket && this.socket.readyState === 1;
  }

  #write(frame) {
    try {
      this.socket.send(JSON.stringify(frame));
    } catch {
      this.#drop("send failed");
    }
  }

  #keepAlive() {
    clearTimeout(this.timers.ping);
    clearTimeout(this.timers.pong);
    this.timers.ping = setTimeout(() => {
      if (!this.#live()) return;
      this.#write({ type: "ping" });
      this.timers.pong = setTimeout(() => this.#drop("no answer"), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  // -- frames from the server ----------------------------------------------------------------

  #receive(frame) {
    this.#keepAlive(); // any frame proves the socket is alive
    switch (frame.type) {
      case "welcome":
        this.role = frame.role;
        this.headSeq = frame.head_seq; // events up to it are the replay, later ones are live
        this.welcomed = true;
        this.attempt = 0;
        this.#setStatus("live");
        for (const command of this.pending.values()) this.#write(command); // same keys
        break;
      case "event":
        if (frame.seq <= this.lastSeq) return; // already held
        if (frame.seq !== this.lastSeq + 1) {
          this.#drop("gap"); // resume from the last seq we hold
          return;
        }
        this.events.push(frame);
        this.#emit({ type: "event", event: frame });
        break;
      case "ack":
        if (this.pending.delete(frame.key)) this.#savePending();
        this.#emit({ type: "ack", key: frame.key, seq: frame.seq });
        break;
      case "error":
        this.#refused(frame);
        break;
      case "resync":
        this.events = [];
        this.#emit({ type: "reset" });
        this.#write({ type: "hello", case_id: this.caseId, last_seq: 0 });
        break;
      case "presence":
        this.#presence(frame);
        break;
      default:
        break; // pong and future frames
    }
  }

  #refused(frame) {
    const command = frame.key ? this.pending.get(frame.key) : undefined;
    if (!command) {
      this.#emit({ type: "refused", key: frame.key, code: frame.code, message: frame.message });
      return;
    }
    if (frame.code === "rate_limited") {
      // nothing stored: try the same key again shortly
      setTimeout(() => {
        if (this.pending.has(frame.key) && this.#live()) this.#write(command);
      }, RATE_RETRY_MS);
      return;
    }
    this.pending.delete(frame.key);
    this.#savePending();
    this.#emit({ type: "refused", key: frame.key, code: frame.code, message: frame.message, command });
  }

  #presence(frame) {
    const now = Date.now();
    if (frame.online) {
      this.presence.set(frame.connection, { who: frame.who, until: now + frame.ttl * 1000 });
    } else {
      this.presence.delete(frame.connection);
    }
    this.#emit({ type: "presence" });
  }

  // Who is here now: [{role, name}], one entry per person, expired entries dropped.
  online() {
    const now = Date.now();
    const people = new Map();
    for (const [id, entry] of this.presence) {
      if (entry.until < now) {
        this.presence.delete(id);
        continue;
      }
      people.set(`${entry.who.role}:${entry.who.name}`, entry.who);
    }
    return [...people.values()];
  }

  #setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    if (status !== "live") this.presence.clear();
    this.#emit({ type: "status", status });
  }

  #emit(change) {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error(error); // a rendering bug must not break the connection
      }
    }
  }

  // -- pending commands survive a reload -------------------------------------------------------

  #storageKey() {
    return `kelisim.pending.${this.caseId}`;
  }

  #loadPending() {
    try {
      const saved = JSON.parse(this.storage?.getItem(this.#storageKey()) || "[]");
      return Array.isArray(saved) ? saved.filter((f) => f?.key).map((f) => [f.key, f]) : [];
    } catch {
      return [];
    }
  }

  #savePending() {
    try {
      const key = this.#storageKey();
      if (this.pending.size) this.storage?.setItem(key, JSON.stringify([...this.pending.values()]));
      else this.storage?.removeItem(key);
    } catch {
      /* storage full or disabled: the queue still lives in memory */
    }
  }
}
