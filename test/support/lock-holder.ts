// Takes a folder's run lock in its own process and keeps it until killed: the other run a lock test needs.
import { lockFolder } from '../../main/domain/engine/files/folder-lock';

await lockFolder(process.argv[2]!, () => {});
process.stdout.write('locked\n');
setInterval(() => {}, 60_000);
