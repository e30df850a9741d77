/**
 * One socket per page. `onConnect` runs on the first connection and after every reconnection,
 * where pages re-attach (host:attach / player:resume) and get a fresh snapshot: socket.io's own
 * state recovery is best-effort, the application-level resync is not.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { createSocket, type AppSocket } from './socket.ts';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting';

export function useSocket(onConnect: (socket: AppSocket) => void): { socket: AppSocket; connection: ConnectionState; attempts: number } {
  const [socket] = useState(createSocket);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [attempts, setAttempts] = useState(0);
  const onConnectRef = useRef(onConnect);
  onConnectRef.current = onConnect;

  useEffect(() => {
    const connected = () => {
      setConnection('online');
      setAttempts(0);
      onConnectRef.current(socket);
    };
    const disconnected = (reason: string) => {
      setConnection('reconnecting');
      // The server closed us on purpose (e.g. a restart): socket.io does not retry that by itself.
      if (reason === 'io server disconnect') socket.connect();
    };
    const attempt = (n: number) => setAttempts(n);
    const failed = () => setConnection('reconnecting');
    socket.on('connect', connected);
    socket.on('disconnect', disconnected);
    socket.on('connect_error', failed);
    socket.io.on('reconnect_attempt', attempt);
    socket.connect();
    return () => {
      socket.io.off('reconnect_attempt', attempt);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [socket]);

  return { socket, connection, attempts };
}
