/**
 * A crash-safe append-only file of records: `[length u32][crc32 u32][payload]`, big-endian, payload JSON.
 * An append resolves only after fsync, so whatever was acknowledged survives kill -9 and power loss. On open,
 * records are read in chunks (a file of any size starts) until the first short or corrupt one: that torn
 * tail, left by a crash mid-write, is cut off, so the next record never glues onto half a line. Appends
 * waiting while an fsync runs are written together by the next one (group commit). `rewrite` replaces the
 * file atomically (write a new file, fsync, rename, fsync the folder) for compaction.
 */
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, ftruncateSync, writeSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

const HEADER = 8;
/** A record larger than this is taken for corruption (a garbage length would make us read gigabytes). */
export const MAX_RECORD = 16 * 1024 * 1024;
const CHUNK = 1024 * 1024;

export interface Recovered<T> {
  records: T[];
  /** bytes cut off the end (a torn or corrupt tail) */
  truncated: number;
  /** size of the file after recovery */
  size: number;
}

export class AppendLog<T = unknown> {
  private fd: number;
  private queue: { buf: Buffer; done: (e?: Error) => void }[] = [];
  private writing = false;
  private closed = false;
  size = 0;

  private constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
  }

  /** Opens (or creates) the log and returns it with every intact record, the torn tail cut off. */
  static open<T>(path: string): { log: AppendLog<T> } & Recovered<T> {
    const log = new AppendLog<T>(path);
    const { records, good, total } = readRecords<T>(log.fd);
    if (good < total) {
      ftruncateSync(log.fd, good);
      fsyncSync(log.fd);
    }
    log.size = good;
    return { log, records, truncated: total - good, size: good };
  }

  /** Appends records; resolves once they are on disk. */
  append(...records: T[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the log is closed'));
    const buf = Buffer.concat(records.map(encode));
    return new Promise((resolve, reject) => {
      this.queue.push({ buf, done: (e) => (e ? reject(e) : resolve()) });
      if (!this.writing) setImmediate(() => this.drain());
      this.writing = true;
    });
  }

  private drain(): void {
    const batch = this.queue.splice(0);
    if (!batch.length) {
      this.writing = false;
      return;
    }
    let error: Error | undefined;
    try {
      const buf = Buffer.concat(batch.map((b) => b.buf));
      let off = 0;
      while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off, this.size + off);
      fsyncSync(this.fd);
      this.size += buf.length;
    } catch (e) {
      error = e as Error;
      // a partial write is a torn tail: cut it so the next batch starts on a record boundary
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        /* the next open recovers */
      }
    }
    for (const b of batch) b.done(error);
    setImmediate(() => this.drain());
  }

  /** Replaces the whole log with these records (compaction), atomically. */
  async rewrite(records: T[]): Promise<void> {
    await this.idle();
    const tmp = `${this.path}.compact`;
    const fd = openSync(tmp, 'w');
    try {
      for (let i = 0; i < records.length; i += 1000) {
        const buf = Buffer.concat(records.slice(i, i + 1000).map(encode));
        let off = 0;
        while (off < buf.length) off += writeSync(fd, buf, off);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    syncDir(dirname(this.path));
    closeSync(this.fd);
    this.fd = openSync(this.path, 'r+');
    this.size = fstatSync(this.fd).size;
  }

  /** Resolves when nothing is waiting to be written. */
  async idle(): Promise<void> {
    while (this.writing || this.queue.length) await new Promise((r) => setImmediate(r));
  }

  async close(): Promise<void> {
    await this.idle();
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

export function encode(record: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  if (payload.length > MAX_RECORD) throw new RangeError(`a record of ${payload.length} bytes is over the ${MAX_RECORD}-byte limit`);
  const head = Buffer.alloc(HEADER);
  head.writeUInt32BE(payload.length, 0);
  head.writeUInt32BE(crc32(payload), 4);
  return Buffer.concat([head, payload]);
}

/** Every intact record from the start, and where the intact part ends. */
function readRecords<T>(fd: number): { records: T[]; good: number; total: number } {
  const total = fstatSync(fd).size;
  const records: T[] = [];
  let buf = Buffer.alloc(0);
  let bufStart = 0; // file offset of buf[0]
  let pos = 0; // file offset of the next record
  let eof = false;
  const fill = (need: number): boolean => {
    while (buf.length - (pos - bufStart) < need && !eof) {
      const chunk = Buffer.alloc(Math.max(CHUNK, need));
      const n = readSync(fd, chunk, 0, chunk.length, bufStart + buf.length);
      if (n === 0) eof = true;
      buf = Buffer.concat([buf.subarray(pos - bufStart), chunk.subarray(0, n)]);
      bufStart = pos;
    }
    return buf.length - (pos - bufStart) >= need;
  };
  while (fill(HEADER)) {
    const at = pos - bufStart;
    const length = buf.readUInt32BE(at);
    const sum = buf.readUInt32BE(at + 4);
    if (length > MAX_RECORD || !fill(HEADER + length)) break;
    const start = pos - bufStart + HEADER;
    const payload = buf.subarray(start, start + length);
    if (crc32(payload) !== sum) break;
    let record: T;
    try {
      record = JSON.parse(payload.toString('utf8')) as T;
    } catch {
      break;
    }
    records.push(record);
    pos += HEADER + length;
  }
  return { records, good: pos, total };
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    /* some file systems cannot fsync a folder; the rename is still atomic */
  }
}
