import avro from 'avsc';

/**
 * Avro's `long` as a BigInt: avsc's own throws past 2^53. The JSON view turns it back into a
 * number when it is safe, and into a decimal string when it is not (see avro-codec.ts).
 */
export const BigLongType = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(0),
  toBuffer: (value: bigint) => {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64LE(BigInt(value));
    return buffer;
  },
  fromJSON: (value: string | number) => BigInt(value),
  toJSON: (value: bigint) => value.toString(),
  isValid: (value: unknown) => typeof value === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

type Underlying = { typeName: string };

/**
 * A logical type in its JSON form: each turns the underlying value into that form to read, and
 * that form back into the underlying value to write (undefined where it is not one, which avsc's
 * isValid takes as a refusal).
 */
abstract class DisplayLogicalType extends avro.types.LogicalType {
  protected abstract override _toValue(value: unknown): unknown;

  /** Reading another schema version's value: the same logical type passes through, its bare underlying type converts. */
  protected override _resolve(writer: Underlying): ((value: unknown) => unknown) | undefined {
    if (writer.typeName === this.typeName) return (value) => value;
    if (writer.typeName === (this.underlyingType as Underlying).typeName) return (value) => this._fromValue(value);
    return undefined;
  }
}

const toBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number));

/** Millis from 0000-01-01 to 9999-12-31, the years an ISO-8601 string writes with four digits. */
const FOUR_DIGIT_YEARS = [Date.parse('0000-01-01T00:00:00.000Z'), Date.parse('9999-12-31T23:59:59.999Z')] as const;
const FOUR_DIGIT_YEARS_BIG = [BigInt(FOUR_DIGIT_YEARS[0]), BigInt(FOUR_DIGIT_YEARS[1])] as const;

class TimestampMillis extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    // Nearly every timestamp: Date writes it as isoOfMicros would, without BigInt arithmetic (a
    // live preview decodes thousands a second). The registry's long reads it as a BigInt.
    const millis =
      typeof value === 'bigint' && value >= FOUR_DIGIT_YEARS_BIG[0] && value <= FOUR_DIGIT_YEARS_BIG[1] ? Number(value) : value;
    if (typeof millis === 'number' && Number.isInteger(millis) && millis >= FOUR_DIGIT_YEARS[0] && millis <= FOUR_DIGIT_YEARS[1])
      return new Date(millis).toISOString();
    return isoOfMicros(toBigInt(value) * 1000n);
  }

  protected override _toValue(value: unknown): bigint | number | undefined {
    const micros = microsOf(value, 1000n);
    return micros === undefined || micros % 1000n !== 0n ? undefined : asLong(this.underlyingType, micros / 1000n);
  }
}

class TimestampMicros extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    return isoOfMicros(toBigInt(value));
  }

  protected override _toValue(value: unknown): bigint | number | undefined {
    const micros = microsOf(value, 1n);
    return micros === undefined ? undefined : asLong(this.underlyingType, micros);
  }
}

/** A logical type's long is avsc's own (a number, safe only to 2^53) unless the registry's BigInt long took its place. */
function asLong(underlying: avro.Type, value: bigint): bigint | number | undefined {
  if (underlying.isValid(0n)) return value;
  return Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time (to the microsecond) or a whole number in the type's own unit, as microseconds. */
function microsOf(value: unknown, unitMicros: bigint): bigint | undefined {
  if (Number.isSafeInteger(value)) return BigInt(value as number) * unitMicros;
  if (typeof value !== 'string') return undefined;
  const match = ISO_TIME.exec(value);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** BigInt arithmetic, so micros keep their six digits and dates outside Date's range give a reason, not garbage. */
function isoOfMicros(micros: bigint): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const fraction = ((micros % 1_000_000n) + 1_000_000n) % 1_000_000n;
  const date = new Date(Number(millis));
  if (Number.isNaN(date.getTime())) throw new Error(`timestamp ${micros} µs is outside the dates JSON can show`);
  return `${date.toISOString().slice(0, 19)}.${fraction.toString().padStart(6, '0')}Z`.replace(/(\.\d{3})000Z$/, '$1Z');
}

class DateType extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    const date = new Date(Number(value) * 86_400_000);
    if (Number.isNaN(date.getTime())) throw new Error(`date ${String(value)} days is outside the dates JSON can show`);
    return date.toISOString().slice(0, 10);
  }

  protected override _toValue(value: unknown): number | undefined {
    if (Number.isInteger(value)) return value as number;
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
    const millis = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== value ? undefined : millis / 86_400_000;
  }
}

/** The unscaled value is big-endian two's complement; the string keeps every digit a double would lose. */
class DecimalType extends DisplayLogicalType {
  readonly scale: number;
  /** Digits in all, as the schema declares them (NaN when it does not): what a run's DECIMAL column is sized by. */
  readonly precision: number;

  constructor(schema: avro.Schema, options?: object) {
    super(schema, options);
    const scale = typeof schema === 'object' ? Number((schema as { scale?: unknown }).scale ?? 0) : 0;
    this.scale = Math.max(0, Math.min(Number.isInteger(scale) ? scale : 0, 1000));
    this.precision = typeof schema === 'object' ? Number((schema as { precision?: unknown }).precision) : NaN;
  }

  protected override _fromValue(value: unknown): string {
    const bytes = value as Buffer;
    let unscaled = bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
    if (bytes.length > 0 && bytes[0]! & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }

  /** A decimal string (or number) with at most `scale` fraction digits, as the fewest two's-complement bytes (or the fixed size). */
  protected override _toValue(value: unknown): Buffer | undefined {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    const match = typeof text === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) : null;
    if (!match || (match[3] ?? '').length > this.scale) return undefined;
    let unscaled = BigInt(`${match[2]}${(match[3] ?? '').padEnd(this.scale, '0')}`);
    if (match[1]) unscaled = -unscaled;
    const size = (this.underlyingType as { size?: number }).size;
    let length = 1;
    while (unscaled >= 1n << BigInt(length * 8 - 1) || unscaled < -(1n << BigInt(length * 8 - 1))) length++;
    if (size !== undefined && length > size) return undefined;
    const width = size ?? length;
    const twos = unscaled < 0n ? (1n << BigInt(width * 8)) + unscaled : unscaled;
    return Buffer.from(twos.toString(16).padStart(width * 2, '0'), 'hex');
  }
}

/** A uuid is a string already; named so it is not silently its underlying type (and to keep its name for the inspector). */
class UuidType extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    return String(value);
  }

  protected override _toValue(value: unknown): string | undefined {
    return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined;
  }
}

export const DISPLAY_LOGICAL_TYPES = {
  'timestamp-millis': TimestampMillis,
  'timestamp-micros': TimestampMicros,
  date: DateType,
  decimal: DecimalType,
  uuid: UuidType,
};
