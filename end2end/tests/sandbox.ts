import { APIRequestContext, expect } from '@playwright/test';
import { E2E } from '../playwright.config';

/** Drives the embedded backend's Quay API and its test admin API directly. */
export class Sandbox {
  constructor(private request: APIRequestContext, private base = E2E.sandbox, private token = E2E.adminToken) {}

  private headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async createRobot(ns: string, short: string, description = '') {
    const path = ns === 'demo' ? `/api/v1/user/robots/${short}` : `/api/v1/organization/${ns}/robots/${short}`;
    const r = await this.request.put(`${this.base}${path}`, { headers: this.headers(), data: { description } });
    expect(r.status(), await r.text()).toBe(201);
  }

  async deleteRobot(ns: string, short: string) {
    const path = ns === 'demo' ? `/api/v1/user/robots/${short}` : `/api/v1/organization/${ns}/robots/${short}`;
    await this.request.delete(`${this.base}${path}`, { headers: this.headers() });
  }

  async robotNames(ns: string): Promise<string[]> {
    const path = ns === 'demo' ? '/api/v1/user/robots' : `/api/v1/organization/${ns}/robots`;
    const r = await this.request.get(`${this.base}${path}?token=false`, { headers: this.headers() });
    expect(r.ok()).toBeTruthy();
    return (await r.json()).robots.map((x: { name: string }) => x.name);
  }

  /** GET a Quay API path as the admin; the JSON answer. */
  async get(path: string) {
    const r = await this.request.get(`${this.base}${path}`, { headers: this.headers() });
    expect(r.ok(), `${path}: ${await r.text()}`).toBeTruthy();
    return r.json();
  }

  async settings(s: Record<string, unknown>) {
    const r = await this.request.put(`${this.base}/sandbox/settings`, { headers: this.headers(), data: s });
    expect(r.ok(), await r.text()).toBeTruthy();
  }

  async fault(rule: Record<string, unknown>) {
    const r = await this.request.post(`${this.base}/sandbox/faults`, { headers: this.headers(), data: rule });
    expect(r.ok(), await r.text()).toBeTruthy();
  }

  async clearFaults() {
    await this.request.delete(`${this.base}/sandbox/faults`, { headers: this.headers() });
  }
}
