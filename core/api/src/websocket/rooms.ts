export const ROOM_KINDS = ['workflow', 'execution', 'user'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** `workflow:<id>`, `execution:<id>` or `user:<id>`. */
export function roomName(kind: RoomKind, id: string): string {
  return `${kind}:${id}`;
}

export interface RoomCounts {
  total: number;
  by_kind: Record<RoomKind, number>;
}

/** Which members are in which room; a room exists while it has members. */
export interface Rooms<M> {
  /** False when the member was already in the room. */
  join(kind: RoomKind, id: string, member: M): boolean;
  /** False when the member was not in the room. */
  leave(kind: RoomKind, id: string, member: M): boolean;
  /** The live member set (do not change it), or undefined when nobody is in the room. */
  members(room: string): ReadonlySet<M> | undefined;
  /** How many rooms of this kind have members. */
  occupied(kind: RoomKind): number;
  counts(): RoomCounts;
}

export function createRooms<M>(): Rooms<M> {
  const rooms = new Map<string, Set<M>>();
  const byKind: Record<RoomKind, number> = { workflow: 0, execution: 0, user: 0 };

  return {
    join(kind, id, member) {
      const name = roomName(kind, id);
      let members = rooms.get(name);
      if (members === undefined) {
        rooms.set(name, (members = new Set()));
        byKind[kind] += 1;
      }
      if (members.has(member)) return false;
      members.add(member);
      return true;
    },
    leave(kind, id, member) {
      const name = roomName(kind, id);
      const members = rooms.get(name);
      if (members === undefined || !members.delete(member)) return false;
      if (members.size === 0) {
        rooms.delete(name);
        byKind[kind] -= 1;
      }
      return true;
    },
    members: (room) => rooms.get(room),
    occupied: (kind) => byKind[kind],
    counts: () => ({ total: rooms.size, by_kind: { ...byKind } }),
  };
}
