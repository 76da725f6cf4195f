# ---- v1.9 renderresources_test.go "Default CPU configuration" (renderer option only)
for line, ratio, lim, want_req, want_lim in ((67, 1, False, '5', None), (73, 10, False, '500m', None),
                                             (78, 1, True, '5', '5'), (84, 10, True, '500m', '5')):
    s = {'domain': {'cpu': {'cores': 5, 'threads': 0, 'sockets': 0}}}
    clu = tmpl_cluster(cpuAllocationRatio=ratio, autoCPULimitNamespaceMatch=lim)
    lit = {'computeRequests.cpu': want_req}
    asserted = ['computeRequests.cpu']
    if want_lim:
        lit['computeLimits.cpu'] = want_lim
        asserted.append('computeLimits.cpu')
    add('renderresources/default-cpu-5-cores-ratio-%d%s' % (ratio, '-cpu-limits' if lim else ''), 'v1.9', line, s, clu, asserted,
        'libvmi.WithCPUCount(5,0,0). The test calls WithoutDedicatedCPU(vmi, %d, %s) alone; cpu limits "enabled" = namespace matches '
        'autoCPULimitNamespaceLabelSelector (or a quota with limits.cpu). Memory/QoS derived (no memory given: request = overhead).' % (ratio, str(lim).lower()),
        derived=True, src=RR, lit=lit, webhook_note='Admission would reject (no memory).')

# ---- instancetype overcommitPercent (float32), v1.9 pkg/instancetype/apply/memory_test.go
for line, p in ((81, 15), (82, 80)):
    guest = 512000000
    want = int(f32(f32(float(guest)) * f32(1 - f32(f32(float(p)) / f32(100.0)))))
    s = {'domain': {'memory': {'guest': '512M'}, 'resources': {'requests': {'memory': str(want)}}}}
    add('instancetype/overcommit-percent-%d' % p, 'v1.9', line, s, tmpl_cluster(), ['instancetypeRequestsMemory'],
        'Instancetype memory.guest=512M, overcommitPercent=%d applied to libvmi.New(): requests.memory = int64(float32(512000000) * (1 - float32(%d)/100)) '
        'in float32 = %d (exact decimal would be %d). vmiSpec is the VMI after the instancetype is applied; the compute/QoS values are derived.' % (
            p, p, want, guest * (100 - p) // 100),
        derived=True, src='pkg/instancetype/apply/memory_test.go', lit={'instancetypeRequestsMemory': want},
        extra_expect={'instancetypeRequestsMemory': want},
        webhook_note='An explicit requests.memory also turns cluster memoryOvercommit off for this VMI.')
    cases[-1]['instancetype'] = {'memory': {'guest': '512M', 'overcommitPercent': p}}

# ---- derived cases (no upstream test asserts these numbers; computed from the source)
SRC_RR9 = 'pkg/virt-controller/services/renderresources.go'
s = {'domain': {'cpu': {'cores': 1}, 'resources': {'requests': {'memory': '1Gi'}}}}
add('derived/cpu-ratio-3-one-vcpu', 'v1.9', 136, s, cluster(cpuAllocationRatio=3), ['computeRequests.cpu'],
    'WithoutDedicatedCPU: val = 1/3 (float64) < 1 -> fmt "%gm" of 333.3333333333333 -> MustParse rounds up to nano: 333333334n.',
    derived=True, src=SRC_RR9, webhook_note='unchanged by the webhook')
s = {'domain': {'cpu': {'cores': 16}, 'resources': {'requests': {'memory': '1Gi'}}}}
add('derived/cpu-ratio-10-sixteen-vcpus', 'v1.9', 136, s, cluster(), ['computeRequests.cpu'],
    '16/10 = 1.6 (not < 1) -> "%g" = "1.6" -> canonical 1600m.', derived=True, src=SRC_RR9, webhook_note='unchanged')
SRC_HB9 = 'pkg/hypervisor/kvm/hypervisorbackend.go'
s = base_spec(); s['domain']['launchSecurity'] = {'snp': {}}
add('derived/GetMemoryOverhead/snp', 'v1.9', 147, s, cluster(), ['overheadBytes'], 'SEV-SNP (v1.7+ field): +256Mi via util.IsSEVSNPVMI.',
    derived=True, src=SRC_HB9, what='overhead', webhook_note=WH_BASE['v1.9'])
s = base_spec(); s['domain']['launchSecurity'] = {'sev': {'policy': {'encryptedState': True}}, 'snp': {}}
add('derived/GetMemoryOverhead/sev-es-and-snp-once', 'v1.9', 147, s, cluster(), ['overheadBytes'], 'Several SEV flavours still add 256Mi once.',
    derived=True, src=SRC_HB9, what='overhead', webhook_note=WH_BASE['v1.9'])
s = base_spec(); s['domain']['devices'] = {'tpm': {'enabled': False}}
add('derived/GetMemoryOverhead/tpm-disabled', 'v1.9', 153, s, cluster(), ['overheadBytes'], 'tpm.HasDevice: tpm present but enabled=false -> no 53Mi (v1.6+).',
    derived=True, src=SRC_HB9, what='overhead', webhook_note=WH_BASE['v1.9'])
s = base_spec(); s['domain']['cpu'] = {'cores': 1, 'dedicatedCpuPlacement': True}
add('derived/GetMemoryOverhead/unparsable-ratio-skips-100Mi', 'v1.5', 0, s, cluster(additionalGuestMemoryOverheadRatio='x'), ['overheadBytes'],
    'v1.1-v1.5: the dedicated/guaranteed +100Mi comes after the ratio step, and an unparsable ratio returns early, so it is lost (v1.6+ adds it before the ratio).',
    derived=True, src=SRC_RR9, what='overhead', webhook_note='')
cases[-1]['source'] = 'pkg/virt-controller/services/renderresources.go:GetMemoryOverhead @ v1.5.0 ' + C['v1.5']
s = {'domain': {'resources': {'requests': {'memory': '8192Ki'}}, 'devices': {'interfaces': [{'name': '', 'passt': {}}]}}}
add('derived/template/passt-vmi-800Mi', 'v1.0', 3769, s, tmpl_cluster(), ['overheadBytes'],
    'The v1.0 test "on a passt vmi" (NewMinimalVMI + passt interface without ports) asserts only the pod security context; '
    'the overhead includes 800Mi per passt interface without ports (v1.0-v1.2, before the ratio).',
    derived=True, webhook_note='')
s = {'domain': {'cpu': {'cores': 1}, 'resources': {'requests': {'memory': '1Gi'}}}}
add('derived/GetMemoryOverhead/spec-reference-290Mi', 'main', 0, s, cluster(), ['overheadBytes'],
    'SPEC 5.1 reference: main, amd64, 1 vCPU, graphics on, requests 1Gi -> 290Mi = 2Mi page tables + 248Mi fixed + 8Mi + 32Mi.',
    derived=True, what='overhead', lit={'overheadBytes': 290 * Mi}, webhook_note='')
cases[-1]['source'] = 'pkg/hypervisor/kvm/hypervisorbackend.go:GetMemoryOverhead @ main ' + C['main']

# ---- webhook-applied contrasts (derived): guest-only VMI, memoryOvercommit 150
for ver in ('v1.5', 'v1.6', 'v1.9', 'main'):
    s = {'domain': {'memory': {'guest': '2Gi'}}}
    add('derived/webhook/guest-only-overcommit-150', ver, 0, s, cluster(memoryOvercommit=150), ['overheadBytes', 'computeRequests.memory'],
        'Guest-only VMI through the webhook. Up to v1.6 (and v1.6.0-v1.6.3) the webhook sets requests.memory = 2Gi*100/150 = 1431655765, '
        'so page tables count it; from v1.7 (and v1.6.4) the webhook leaves requests.memory unset (page tables 0) and the renderer '
        '(WithMemoryRequests) computes the same 1431655765 request.', derived=True, webhook_applied=True)
    cases[-1]['source'] = 'pkg/defaults/defaults.go:setDefaultResourceRequests + renderresources.go:WithMemoryRequests @ %s %s' % (TAG[ver], C[ver])
for ver in ('v1.6', 'v1.9'):
    s = {'domain': {'resources': {'limits': {'memory': '1Gi', 'cpu': '2'}}}}
    add('derived/webhook/limits-only-guaranteed', ver, 0, s, cluster(), ['overheadBytes', 'computeRequests', 'computeLimits', 'qosClass'],
        'Limits-only VMI: the webhook copies limits.cpu to requests.cpu (both versions) and, before v1.7, limits.memory to requests.memory; '
        'v1.9 leaves requests.memory unset so page tables are 0 while WantsToHaveQOSGuaranteed still holds (limits-only memory form). '
        'Console log enabled (default CR): guest-console-log gets request==limit in Guaranteed mode.', derived=True, webhook_applied=True)
    cases[-1]['source'] = 'pkg/defaults/defaults.go + template.go @ %s %s' % (TAG[ver], C[ver])
