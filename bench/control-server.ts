// The benchmark's control: a bare Socket.IO server in one process that broadcasts to every
// socket when asked. No database, no Redis, no authentication: the floor the app is measured against.
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer();
const io = new Server(server, { serveClient: false });
server.on('request', (req, res) => {
	if (req.method === 'POST' && req.url?.startsWith('/broadcast')) {
		let body = '';
		req.on('data', (d) => (body += d));
		req.on('end', () => {
			io.emit('tick', JSON.parse(body));
			res.writeHead(202).end();
		});
	} else if (req.url === '/count') {
		res.end(String(io.engine.clientsCount));
	}
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
