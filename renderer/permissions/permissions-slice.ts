import { messageOf, unwrap } from '../api/api-error';
import type { SliceCreator } from '../state/store';
import type { PermissionsSlice } from '../state/permissions-state';

export const createPermissionsSlice: SliceCreator<PermissionsSlice> = (api) => (set, get) => ({
  permissionStream: '',
  permissionS3: { to: '', sse: 'none', kmsKeyId: '' },
  permissionReport: null,
  permissionChecking: false,
  permissionError: null,
  explanation: null,
  explaining: false,
  setPermissionStream(permissionStream) {
    if (permissionStream !== get().permissionStream)
      set({ permissionStream, permissionReport: null, permissionError: null, explanation: null });
  },
  setPermissionS3(permissionS3) {
    set({ permissionS3, permissionReport: null, permissionError: null });
  },
  async checkPermissions(writeProbe, admin = false) {
    const name = get().permissionStream.trim();
    const { to, sse, kmsKeyId } = get().permissionS3;
    // The S3 checks only for a prefix; the key only with SSE-KMS (the contract refuses the rest).
    const s3 = to.trim()
      ? {
          to: to.trim(),
          ...(sse !== 'none' ? { sse } : {}),
          ...(sse === 'aws:kms' && kmsKeyId.trim() ? { kmsKeyId: kmsKeyId.trim() } : {}),
        }
      : {};
    set({ permissionChecking: true, permissionError: null });
    try {
      const report = await unwrap(api.permissions.check({ name, writeProbe, admin, ...s3 }));
      if (get().permissionStream.trim() === name) set({ permissionReport: report });
    } catch (error) {
      set({ permissionError: messageOf(error), permissionReport: null });
    } finally {
      set({ permissionChecking: false });
    }
  },
  async explainPermissions() {
    set({ explaining: true });
    try {
      set({ explanation: await unwrap(api.permissions.explain({ name: get().permissionStream.trim() })) });
    } catch (error) {
      set({ explanation: { available: false, reason: messageOf(error), principalArn: null, results: [] } });
    } finally {
      set({ explaining: false });
    }
  },
});
