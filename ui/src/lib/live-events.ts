import { useAuth } from './auth-store';

/** A server event as the gateway sends it: `{"type", ...payload, "timestamp"}`. */
export interface LiveEvent {
  type: string;
  workflow_id?: string;
  execution_id?: string;
  step_id?: string;
  timestamp?: string;
  [key: string]: unknown;
}

type Listener = (event: LiveEvent) => void;
type Room = { type: 'join_workflow'; workflow_id: string } | { type: 'join_execution'; execution_id: string };

const CONTROL = new Set(['connection.ready', 'pong', 'joined', 'left', 'subscribed', 'error']);

/**
 * One WebSocket to `/api/v3/ws/ws` for the whole app: reconnects with back-off and a fresh token,
 * joins again the rooms screens asked for, and hands every event to the listeners.
 */
class LiveConnection {
  private socket: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly rooms = new Map<string, { room: Room; count: number }>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Joins a room while the returned function is not called; counted, so two screens can share one. */
  join(room: Room): () => void {
    const key = JSON.stringify(room);
    const entry = this.rooms.get(key);
    if (entry) entry.count += 1;
    else {
      this.rooms.set(key, { room, count: 1 });
      this.send(room);
    }
    return () => {
      const current = this.rooms.get(key);
      if (!current) return;
      current.count -= 1;
      if (current.count > 0) return;
      this.rooms.delete(key);
      this.send(room.type === 'join_workflow' ? { type: 'leave_workflow', workflow_id: room.workflow_id } : { type: 'leave_execution', execution_id: room.execution_id });
    };
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private open(): void {
    const token = useAuth.getState().accessToken;
    if (!token || this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v3/ws/ws?token=${encodeURIComponent(token)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      for (const { room } of this.rooms.values()) this.send(room);
    };
    socket.onmessage = (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      // `connection.ready` goes to listeners as `live.connected`: what happened while the socket was
      // down was not sent, so screens reload what they show.
      if (event.type === 'connection.ready') event = { type: 'live.connected' };
      else if (CONTROL.has(event.type)) return;
      for (const listener of this.listeners) listener(event);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      const wait = Math.min(30_000, 500 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.open(), wait);
    };
  }
}

export const live = new LiveConnection();
