/** The facts a reader needs to judge the numbers: when, on what CPU, with which runtime. */
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

const BYTES_PER_GIB = 1024 ** 3;

export interface MachineInfo {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly os: string;
  readonly memoryGiB: number;
  /** 1-minute load average at start: other work on the machine skews every number. */
  readonly loadAverage: number;
}

export function machineInfo(): MachineInfo {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: cpuList.length,
    os: `${platform()} ${release()} ${arch()}`,
    memoryGiB: Math.round((totalmem() / BYTES_PER_GIB) * 10) / 10,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function machineLines(info: MachineInfo): string[] {
  return [
    `Date:    ${info.date}`,
    `Node:    ${info.node} (V8 ${info.v8})`,
    `CPU:     ${info.cpuModel} x ${info.cpuCount}`,
    `OS:      ${info.os}, ${info.memoryGiB} GiB RAM, load average ${info.loadAverage} at start`,
  ];
}
