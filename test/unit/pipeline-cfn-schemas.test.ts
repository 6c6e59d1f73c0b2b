import { describe, expect, it } from 'vitest';
import { firehoseTemplate } from '../../main/domain/pipelines/firehose';
import { errorsOf, schemaFiles, type Template } from '../support/cfn-schemas';
import { samplePlan } from '../support/pipeline-plan';

describe('the Firehose template against the CloudFormation registry schemas', () => {
  const layouts = [
    samplePlan(),
    samplePlan({ partitionBy: null, format: 'jsonl' }),
    samplePlan({ partitionBy: { kind: 'field', field: 'id' }, location: { bucket: 'lake', prefix: '' }, streamKey: 'alias/aws/kinesis' }),
  ];

  it.each(layouts.map((plan, i) => [i, plan] as const))('validates every resource of layout %i', (_, plan) => {
    const template = firehoseTemplate(plan, ['header']) as Template;
    expect(new Set(Object.values(template.Resources).map((r) => r.Type))).toEqual(new Set(Object.keys(schemaFiles)));
    expect(errorsOf(template)).toEqual({});
  });

  it('rejects a template that breaks a schema, so the check can fail', () => {
    const template = firehoseTemplate(samplePlan(), ['header']) as Template;
    const destination = template.Resources.DeliveryStream!.Properties.ExtendedS3DestinationConfiguration as Record<string, unknown>;
    destination.BufferingHints = { SizeInMBs: 'large', IntervalInSeconds: 300 };
    (template.Resources.GlueTable!.Properties.TableInput as Record<string, unknown>).Colour = 'blue';
    expect(Object.keys(errorsOf(template)).sort()).toEqual(['DeliveryStream', 'GlueTable']);
  });
});
