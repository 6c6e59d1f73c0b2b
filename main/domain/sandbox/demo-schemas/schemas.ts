/**
 * The demo's registered schemas, as a producer's team would write them. `payments` has two
 * versions in use at once (v2 adds fields with defaults, a BACKWARD-compatible change), so a
 * reader meets both in one stream; `telemetry` is Protobuf with nested messages, a map, an enum
 * and a well-known type.
 */
const paymentFieldsV1 = [
  { name: 'paymentId', type: 'string' },
  { name: 'accountId', type: 'string' },
  { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
  { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD', 'GBP', 'JPY'] } },
  {
    name: 'method',
    type: { type: 'enum', name: 'PaymentMethod', symbols: ['CARD', 'SEPA', 'WALLET', 'BANK_TRANSFER'] },
  },
  { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
];

export const PAYMENT_V1 = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'shardscope.demo',
  fields: paymentFieldsV1,
});

export const PAYMENT_V2 = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'shardscope.demo',
  fields: [
    ...paymentFieldsV1,
    { name: 'merchant', type: ['null', 'string'], default: null },
    {
      name: 'card',
      type: [
        'null',
        {
          type: 'record',
          name: 'Card',
          fields: [
            { name: 'network', type: 'string' },
            { name: 'last4', type: 'string' },
          ],
        },
      ],
      default: null,
    },
  ],
});

export const TELEMETRY_PROTO = `syntax = "proto3";
package shardscope.demo;

import "google/protobuf/timestamp.proto";

message DeviceInfo {
  string model = 1;
  string firmware = 2;
}

message TelemetryReading {
  enum Status {
    STATUS_UNSPECIFIED = 0;
    OK = 1;
    DEGRADED = 2;
    OFFLINE = 3;
  }
  message Location {
    double latitude = 1;
    double longitude = 2;
    int32 floor = 3;
  }
  message Metric {
    string name = 1;
    double value = 2;
    string unit = 3;
  }
  string device_id = 1;
  google.protobuf.Timestamp observed_at = 2;
  Location location = 3;
  repeated Metric metrics = 4;
  map<string, string> tags = 5;
  Status status = 6;
  DeviceInfo device = 7;
  uint64 sequence = 8;
}
`;

export const TELEMETRY_MESSAGE = 'shardscope.demo.TelemetryReading';
export const DEMO_REGISTRY = 'shardscope-demo';
