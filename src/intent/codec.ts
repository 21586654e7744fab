/** Unsigned LEB128 writer. */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;
  /** `capacity`: the bytes expected, when known, so the buffer is allocated once */
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(Math.max(1, capacity));
  }
  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf);
    this.buf = next;
  }
  byte(b: number) {
    this.ensure(1);
    this.buf[this.length++] = b & 0xff;
  }
  varint(n: number) {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export class ByteReader {
  pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  get done() {
    return this.pos >= this.buf.length;
  }
  byte(): number {
    if (this.pos >= this.buf.length) throw new RangeError('unexpected end of data');
    return this.buf[this.pos++];
  }
  varint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  }
}
