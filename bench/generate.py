#!/usr/bin/env python3
"""Writes N VirtualMachine manifests in realistic shapes for the benchmarks.

Usage: bench/generate.py N OUTDIR

Files hold 1-4 documents (VMs, sometimes a Service or a DataVolume-less ConfigMap next to
them), with comments, cloud-init user data blocks, labels and annotations, several disks and
interfaces, and the density settings in varied states, so that the linter does real work.
Deterministic: the same N gives the same files.
"""
import os
import random
import sys

VM = """# {name}: {purpose}
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: {name}
  namespace: {namespace}
  labels:
    app: {app}
    tier: {tier}
    kubevirt.io/os: fedora
  annotations:
    description: "{purpose}"
spec:
  runStrategy: {run_strategy}
  dataVolumeTemplates: []
  template:
    metadata:
      labels:
        kubevirt.io/domain: {name}
        app: {app}
    spec:
      terminationGracePeriodSeconds: {grace}
      domain:
        cpu:
          cores: {cores}
          sockets: 1
          threads: 1
{devices}        resources:
          requests:
            memory: {memory}
{overcommit}        machine:
          type: q35
        firmware:
          bootloader:
            efi:
              secureBoot: false
      networks:
      - name: default
        pod: {{}}
      volumes:
      - name: rootdisk
        containerDisk:
          image: quay.io/containerdisks/fedora:41
      - name: datadisk
        persistentVolumeClaim:
          claimName: {name}-data
      - name: cloudinitdisk
        cloudInitNoCloud:
          userData: |-
            #cloud-config
            user: fedora
            password: {password}
            chpasswd: {{ expire: False }}
            ssh_authorized_keys:
              - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{key} ops@example.com
            packages:
              - qemu-guest-agent
              - {package}
            runcmd:
              - systemctl enable --now qemu-guest-agent
              - echo "{name} ready" > /etc/motd
"""

DEVICES = """        devices:
{graphics}          disks:
          - name: rootdisk
            disk:
              bus: virtio
          - name: datadisk
            disk:
              bus: virtio
          - name: cloudinitdisk
            disk:
              bus: virtio
          interfaces:
          - name: default
            masquerade: {{}}
            model: virtio
          rng: {{}}
"""

SERVICE = """apiVersion: v1
kind: Service
metadata:
  name: {name}-ssh
  namespace: {namespace}
spec:
  type: ClusterIP
  selector:
    kubevirt.io/domain: {name}
  ports:
  - port: 22
    targetPort: 22
"""


def vm(rng, index):
    name = f"vm-{index:05d}"
    graphics = rng.choice(["", "          autoattachGraphicsDevice: false\n"])
    overcommit = rng.choice(["", "          overcommitGuestOverhead: true\n"])
    return VM.format(
        name=name,
        namespace=rng.choice(["prod", "staging", "dev", "batch"]),
        purpose=rng.choice(["web frontend", "database replica", "CI runner", "batch worker"]),
        app=rng.choice(["web", "db", "ci", "batch"]),
        tier=rng.choice(["frontend", "backend"]),
        run_strategy=rng.choice(["Always", "Manual", "Halted", "RerunOnFailure"]),
        grace=rng.choice([30, 60, 180]),
        cores=rng.choice([1, 2, 4, 8]),
        memory=rng.choice(["1Gi", "2Gi", "4Gi", "8Gi", "16Gi", "3072Mi"]),
        devices=DEVICES.format(graphics=graphics),
        overcommit=overcommit,
        password=f"pw{rng.randrange(10**6):06d}",
        key="".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40)),
        package=rng.choice(["nginx", "postgresql", "git", "python3"]),
    ), name


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    total = int(sys.argv[1])
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(42)
    index = 0
    file_number = 0
    while index < total:
        documents = []
        for _ in range(min(rng.choice([1, 1, 2, 3, 4]), total - index)):
            text, name = vm(rng, index)
            documents.append(text)
            if rng.random() < 0.2:
                documents.append(SERVICE.format(name=name, namespace="prod"))
            index += 1
        with open(os.path.join(out, f"vms-{file_number:05d}.yaml"), "w") as handle:
            handle.write("---\n".join(documents))
        file_number += 1
    print(f"{total} VirtualMachines in {file_number} files under {out}")


if __name__ == "__main__":
    main()
