/**
 * The files the core wrote (exports, PDFs, BPJS files, backups), by an opaque id, so the renderer can
 * ask to see one in its folder ("Buka folder") without ever naming a path: a path from the renderer
 * could point anywhere; an id can only name a file the core itself reported writing.
 */
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';

/** How many written files are remembered; the oldest are forgotten first. */
const KEEP = 500;

/** 24 random letters (the contract's `fileId`: no digits, so identity masking never touches it). */
export function letterToken(): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += String.fromCharCode(97 + randomInt(26));
  return s;
}

export class SavedFiles {
  private readonly byId = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  /** The id of a written file (the same id when the same path is written again). */
  remember(path: string): string {
    const known = this.byPath.get(path);
    if (known) return known;
    const id = letterToken();
    this.byId.set(id, path);
    this.byPath.set(path, id);
    if (this.byId.size > KEEP) {
      const [oldId, oldPath] = this.byId.entries().next().value as [string, string];
      this.byId.delete(oldId);
      this.byPath.delete(oldPath);
    }
    return id;
  }

  pathOf(id: string): string | undefined {
    return this.byId.get(id);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A reply that reports a written file gains its `fileId`: a saved file (`{ path, ... }`), a batch of
 * files in a folder (`{ folder, files: [{ path }] }`: the first file, so its folder opens with it
 * selected), or a folder of files (`{ folder }`: the automatic backups, once the folder exists; before
 * the first backup there is nothing to show). Other replies pass unchanged.
 */
export function withFileId(value: unknown, saved: SavedFiles): unknown {
  if (!isObj(value) || 'fileId' in value) return value;
  if (typeof value.path === 'string' && value.path !== '') return { ...value, fileId: saved.remember(value.path) };
  const files = value.files;
  if (Array.isArray(files) && isObj(files[0]) && typeof files[0].path === 'string') return { ...value, fileId: saved.remember(files[0].path) };
  if (typeof value.folder === 'string' && value.folder !== '' && existsSync(value.folder)) return { ...value, fileId: saved.remember(value.folder) };
  return value;
}
