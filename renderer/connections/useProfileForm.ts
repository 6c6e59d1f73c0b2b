import { useEffect, useState } from 'react';
import type { AwsProfileList, CredentialSource, ProfileView, SaveProfileInput, SchemaRegistryAuth } from '../../shared/contract';
import { ApiError, messageOf, unwrap } from '../api/api-error';
import { useApi, useAppStore } from '../state/store';

export type SourceType = CredentialSource['type'];

export interface ProfileFormValues {
  name: string;
  region: string;
  endpoint: string;
  /** Where KCL lease tables are, for a local Kinesis; empty: AWS's DynamoDB. */
  dynamodbEndpoint: string;
  sourceType: SourceType;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  awsProfile: string;
  /** Empty: the default for where the connection points. */
  callsPerSecond: string;
  mibPerSecond: string;
  /** Main refuses every write on the connection. */
  readOnly: boolean;
  /** Where Glue Schema Registry calls go; empty: AWS's Glue in the region. */
  glueEndpoint: string;
  /** Where S3 calls go; empty: AWS_ENDPOINT_URL_S3, else AWS's S3. */
  s3Endpoint: string;
  /** A Confluent-compatible registry; empty: none. */
  registryUrl: string;
  registryAuth: SchemaRegistryAuth['kind'];
  registryUser: string;
  /** Sent once with the save, then cleared: never shown again. */
  registrySecret: string;
}

const blank: ProfileFormValues = {
  name: '',
  region: 'us-east-1',
  endpoint: '',
  dynamodbEndpoint: '',
  sourceType: 'access-keys',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  awsProfile: '',
  callsPerSecond: '',
  mibPerSecond: '',
  readOnly: false,
  glueEndpoint: '',
  s3Endpoint: '',
  registryUrl: '',
  registryAuth: 'none',
  registryUser: '',
  registrySecret: '',
};

function valuesOf(profile: ProfileView | null): ProfileFormValues {
  if (!profile) return blank;
  const source = profile.source;
  return {
    ...blank,
    name: profile.name,
    region: profile.region,
    endpoint: profile.endpoint ?? '',
    dynamodbEndpoint: profile.dynamodbEndpoint ?? '',
    sourceType: source.type,
    accessKeyId: source.type === 'access-keys' ? source.accessKeyId : '',
    awsProfile: source.type === 'aws-profile' ? source.awsProfile : '',
    callsPerSecond: profile.readBudget?.callsPerSecond ? String(profile.readBudget.callsPerSecond) : '',
    mibPerSecond: profile.readBudget?.mibPerSecond ? String(profile.readBudget.mibPerSecond) : '',
    readOnly: Boolean(profile.readOnly),
    glueEndpoint: profile.glueEndpoint ?? '',
    s3Endpoint: profile.s3Endpoint ?? '',
    registryUrl: profile.schemaRegistry?.url ?? '',
    registryAuth: profile.schemaRegistry?.auth.kind ?? 'none',
    registryUser: profile.schemaRegistry?.auth.kind === 'basic' ? profile.schemaRegistry.auth.username : '',
  };
}

const fieldOfPath: Record<string, keyof ProfileFormValues> = {
  'profile.name': 'name',
  'profile.region': 'region',
  'profile.endpoint': 'endpoint',
  'profile.dynamodbEndpoint': 'dynamodbEndpoint',
  'profile.source.accessKeyId': 'accessKeyId',
  'profile.source.awsProfile': 'awsProfile',
  'secret.secretAccessKey': 'secretAccessKey',
  'secret.sessionToken': 'sessionToken',
  'profile.readBudget.callsPerSecond': 'callsPerSecond',
  'profile.readBudget.mibPerSecond': 'mibPerSecond',
  'profile.glueEndpoint': 'glueEndpoint',
  'profile.s3Endpoint': 's3Endpoint',
  'profile.schemaRegistry': 'registryUrl',
  'profile.schemaRegistry.url': 'registryUrl',
  'profile.schemaRegistry.auth.username': 'registryUser',
  registrySecret: 'registrySecret',
};

/** The registry as the contract takes it; the user name only for basic, and nothing for an empty URL. */
function schemaRegistryOf(values: ProfileFormValues): SaveProfileInput['profile']['schemaRegistry'] {
  if (!values.registryUrl.trim()) return null;
  const auth: SchemaRegistryAuth =
    values.registryAuth === 'basic' ? { kind: 'basic', username: values.registryUser } : { kind: values.registryAuth };
  return { url: values.registryUrl.trim(), auth };
}

/** An empty field leaves that part of the budget to the default for where the connection points. */
function readBudgetOf(values: ProfileFormValues): SaveProfileInput['profile']['readBudget'] {
  if (!values.callsPerSecond.trim() && !values.mibPerSecond.trim()) return null;
  return {
    callsPerSecond: values.callsPerSecond.trim() ? Number(values.callsPerSecond) : null,
    mibPerSecond: values.mibPerSecond.trim() ? Number(values.mibPerSecond) : null,
  };
}

/**
 * State and submit logic of the add/edit form. The secret is sent once, with the save, and
 * cleared from the form as soon as main has it.
 */
export function useProfileForm(editing: ProfileView | null, onDone: () => void) {
  const api = useApi();
  const saveProfile = useAppStore((state) => state.saveProfile);
  const [values, setValues] = useState<ProfileFormValues>(() => valuesOf(editing));
  const [replaceSecret, setReplaceSecret] = useState(editing?.secret !== 'keychain' && editing?.secret !== 'session');
  const [replaceRegistrySecret, setReplaceRegistrySecret] = useState(
    editing?.registrySecret !== 'keychain' && editing?.registrySecret !== 'session',
  );
  const [errors, setErrors] = useState<Partial<Record<keyof ProfileFormValues, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [keychainMissing, setKeychainMissing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [awsProfiles, setAwsProfiles] = useState<AwsProfileList['profiles'] | null>(null);

  useEffect(() => {
    if (values.sourceType !== 'aws-profile' || awsProfiles) return;
    unwrap(api.connections.awsProfiles()).then(
      (list) => setAwsProfiles(list.profiles),
      (error: unknown) => setFormError(`Could not read your AWS profiles: ${messageOf(error)}`),
    );
  }, [api, values.sourceType, awsProfiles]);

  const set = <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  // A new kind of sign-in, or another registry, needs its own secret: the saved one is not offered for it.
  const savedRegistry = editing?.schemaRegistry;
  const askRegistrySecret =
    replaceRegistrySecret || savedRegistry?.auth.kind !== values.registryAuth || savedRegistry?.url !== values.registryUrl.trim();

  const toInput = (sessionOnly: boolean): SaveProfileInput => {
    const source: CredentialSource =
      values.sourceType === 'access-keys'
        ? { type: 'access-keys', accessKeyId: values.accessKeyId }
        : values.sourceType === 'aws-profile'
          ? { type: 'aws-profile', awsProfile: values.awsProfile }
          : { type: 'default-chain' };
    const sendSecret = values.sourceType === 'access-keys' && replaceSecret;
    const schemaRegistry = schemaRegistryOf(values);
    const sendRegistrySecret = schemaRegistry && schemaRegistry.auth.kind !== 'none' && askRegistrySecret;
    return {
      ...(editing ? { originalName: editing.name } : {}),
      profile: {
        name: values.name,
        region: values.region,
        endpoint: values.endpoint.trim() || null,
        // Only beside a custom Kinesis endpoint, where the form shows it: never a hidden, stale one.
        dynamodbEndpoint: (values.endpoint.trim() && values.dynamodbEndpoint.trim()) || null,
        source,
        readBudget: readBudgetOf(values),
        readOnly: values.readOnly,
        glueEndpoint: values.glueEndpoint.trim() || null,
        s3Endpoint: values.s3Endpoint.trim() || null,
        schemaRegistry,
      },
      ...(sendRegistrySecret ? { registrySecret: values.registrySecret } : {}),
      ...(sendSecret
        ? { secret: { secretAccessKey: values.secretAccessKey, ...(values.sessionToken ? { sessionToken: values.sessionToken } : {}) } }
        : {}),
      sessionOnly,
    };
  };

  const submit = async (sessionOnly = false) => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      await saveProfile(toInput(sessionOnly));
      setValues((current) => ({ ...current, secretAccessKey: '', sessionToken: '', registrySecret: '' }));
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'keychain-unavailable') {
        setKeychainMissing(error.message);
      } else if (error instanceof ApiError && error.issues.length > 0) {
        const byField: Partial<Record<keyof ProfileFormValues, string>> = {};
        for (const issue of error.issues) {
          const field = fieldOfPath[issue.path];
          if (field) byField[field] ??= issue.message;
          else setFormError(issue.message);
        }
        setErrors(byField);
      } else {
        setFormError(messageOf(error));
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    values,
    set,
    errors,
    formError,
    keychainMissing,
    saving,
    awsProfiles,
    replaceSecret,
    setReplaceSecret,
    askRegistrySecret,
    setReplaceRegistrySecret,
    submit,
  };
}
