// dist/ served without COOP/COEP headers, like a plain static host: the workbook must still work there,
// labelled as not cross-origin isolated. Test helper only; binds to loopback. Usage: plain-static-server.ts ROOT PORT
import { serveDist } from '../static-server.ts';

const [root = 'dist', port = '4330'] = process.argv.slice(2);
await serveDist(root, Number(port), { isolated: false });
