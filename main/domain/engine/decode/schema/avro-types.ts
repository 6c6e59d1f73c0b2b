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
 * A logical type read for display: each turns the underlying value into its JSON form. Only reading
 * is needed here; writing (issue 26's writes) will add _toValue.
 */
abstract class DisplayLogicalType extends avro.types.LogicalType {
  protected override _toValue(): never {
    throw new Error(`writing ${this.typeName} values is not supported yet`);
  }

  /** Reading another schema version's value: the same logical type passes through, its bare underlying type converts. */
  protected override _resolve(writer: Underlying): ((value: unknown) => unknown) | undefined {
    if (writer.typeName === this.typeName) return (value) => value;
    if (writer.typeName === (this.underlyingType as Underlying).typeName) return (value) => this._fromValue(value);
    return undefined;
  }
}

const toBigInt = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number));

class TimestampMillis extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    return isoOfMicros(toBigInt(value) * 1000n);
  }
}

class TimestampMicros extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    return isoOfMicros(toBigInt(value));
  }
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
}

/** A uuid is a string already; named so it is not silently its underlying type (and to keep its name for the inspector). */
class UuidType extends DisplayLogicalType {
  protected override _fromValue(value: unknown): string {
    return String(value);
  }
}

export const DISPLAY_LOGICAL_TYPES = {
  'timestamp-millis': TimestampMillis,
  'timestamp-micros': TimestampMicros,
  date: DateType,
  decimal: DecimalType,
  uuid: UuidType,
};
