/**
 * A structural check of the Flink SQL Shardscope writes (dt-sql-parser was not added: see
 * docs/decisions/0037-pipeline-hand-over.md): statements end with `;`, brackets balance, every
 * WITH option is one its connector or format documents, partition keys are sink columns, and the
 * INSERT fills every sink column.
 */
const knownOptions: Record<string, string[]> = {
  'kinesis-legacy': [
    'connector',
    'stream',
    'aws.region',
    'scan.stream.initpos',
    'scan.stream.initpos-timestamp',
    'scan.stream.initpos-timestamp-format',
    'scan.stream.recordpublisher',
  ],
  kinesis: [
    'connector',
    'stream.arn',
    'aws.region',
    'aws.endpoint',
    'source.init.position',
    'source.init.timestamp',
    'source.init.timestamp.format',
    'source.reader.type',
    'source.efo.consumer.name',
    'source.efo.lifecycle',
  ],
  filesystem: [
    'connector',
    'path',
    'partition.default-name',
    'partition.time-extractor.timestamp-pattern',
    'sink.rolling-policy.file-size',
    'sink.rolling-policy.rollover-interval',
    'sink.partition-commit.trigger',
    'sink.partition-commit.delay',
    'sink.partition-commit.policy.kind',
    'sink.partition-commit.watermark-time-zone',
  ],
};
const formatOptions = ['format', 'json.fail-on-missing-field', 'json.ignore-parse-errors', 'parquet.compression'];

/** Splits on commas outside brackets and quotes. */
function topLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '`') quote = char;
    else if ('(<'.includes(char)) depth++;
    else if (')>'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export function checkFlinkSql(sql: string): string[] {
  const problems: string[] = [];
  const body = sql
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n');
  const statements = body
    .split(/;\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const tables = new Map<string, { columns: string[]; physical: string[]; partitions: string[] }>();
  for (const statement of statements) {
    const stripped = statement.replace(/'([^']|'')*'/g, "''");
    if ((stripped.match(/\(/g) ?? []).length !== (stripped.match(/\)/g) ?? []).length)
      problems.push(`unbalanced brackets in: ${statement.slice(0, 40)}`);
    const create = /^CREATE TABLE (\w+) \(\n([\s\S]*?)\n\)(?:\nPARTITIONED BY \(([^)]*)\))? WITH \(\n([\s\S]*)\n\)$/.exec(statement);
    if (create) {
      const [, name, columnText, partitionText, optionText] = create;
      const columns = topLevel(columnText!).map((c) => /^`([^`]+)`/.exec(c)?.[1] ?? `?${c}`);
      const physical = topLevel(columnText!)
        .filter((c) => !/ METADATA /.test(c))
        .map((c) => /^`([^`]+)`/.exec(c)![1]!);
      const partitions = partitionText ? topLevel(partitionText).map((p) => p.replaceAll('`', '')) : [];
      for (const p of partitions) if (!columns.includes(p)) problems.push(`${name}: partition ${p} is not a column`);
      const options = Object.fromEntries(topLevel(optionText!).map((o) => /^'([^']+)' = '((?:[^']|'')*)'$/.exec(o)!.slice(1, 3)));
      const allowed = knownOptions[options.connector!];
      if (!allowed) problems.push(`${name}: unknown connector ${options.connector}`);
      for (const key of Object.keys(options))
        if (!allowed?.includes(key) && !formatOptions.includes(key)) problems.push(`${name}: unknown option '${key}'`);
      if (options.format === 'raw' && physical.length !== 1) problems.push(`${name}: the raw format takes one physical column`);
      tables.set(name!, { columns, physical, partitions });
      continue;
    }
    const insert = /^INSERT INTO (\w+)\nSELECT\n([\s\S]*)\nFROM (\w+)$/.exec(statement);
    if (insert) {
      const sink = tables.get(insert[1]!);
      if (!sink) problems.push(`INSERT into an undeclared table ${insert[1]}`);
      else if (topLevel(insert[2]!).length !== sink.columns.length)
        problems.push(`INSERT fills ${topLevel(insert[2]!).length} of ${sink.columns.length} columns`);
      if (!tables.has(insert[3]!)) problems.push(`SELECT from an undeclared table ${insert[3]}`);
      continue;
    }
    if (!/^SET '[\w.-]+' = '[^']*'$/.test(statement)) problems.push(`unrecognised statement: ${statement.slice(0, 60)}`);
  }
  return problems;
}
