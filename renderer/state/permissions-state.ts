import type { Explanation, PermissionReport } from '../../shared/contract';

/** A run's S3 output to check beside the stream: empty `to` checks the stream alone. */
export interface PermissionS3Target {
  to: string;
  sse: 'none' | 'AES256' | 'aws:kms';
  kmsKeyId: string;
}

export interface PermissionsSlice {
  permissionStream: string;
  permissionS3: PermissionS3Target;
  permissionReport: PermissionReport | null;
  permissionChecking: boolean;
  permissionError: string | null;
  explanation: Explanation | null;
  explaining: boolean;
  setPermissionStream(name: string): void;
  setPermissionS3(target: PermissionS3Target): void;
  checkPermissions(writeProbe: boolean, admin?: boolean): Promise<void>;
  explainPermissions(): Promise<void>;
}
