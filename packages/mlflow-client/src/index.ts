// The typed MLflow REST client lands with its own issue; the foundation only
// proves the real server works (see server.int.test.ts).
export {};
