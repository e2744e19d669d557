/**
 * The functions run on the deployed runtime's Node major everywhere we run
 * them: in this jest process (the in-process suites) and in the Functions
 * emulator's workers (what /v1/health reports). firebase.json's runtime is
 * the source of truth; the project brings that Node from the npm registry.
 */
import { api } from '../http';
import { deployedNodeMajor, majorOf, nodeMajorOfRuntime } from '../../scripts/src/runtime';

describe('Node runtime', () => {
  test('firebase.json deploys a Node.js runtime', () => {
    expect(nodeMajorOfRuntime('nodejs24')).toBe(24);
    expect(() => nodeMajorOfRuntime('python312')).toThrow(/not a Node\.js runtime/);
    expect(deployedNodeMajor()).toBeGreaterThanOrEqual(22);
  });

  test('the in-process suites run on the deployed Node major', () => {
    expect(`Node ${majorOf(process.version)}`).toBe(`Node ${deployedNodeMajor()}`);
  });

  test("the Functions emulator's workers run on the deployed Node major", async () => {
    const res = await api<{ node: string }>('/v1/health');
    expect(res.status).toBe(200);
    expect(`Node ${majorOf(res.body.node)}`).toBe(`Node ${deployedNodeMajor()}`);
  });
});
