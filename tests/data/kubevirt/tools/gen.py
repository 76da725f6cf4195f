import copy, json, os, sys
from model import *

C = {'v1.0': '579bb66545630d93b29d0399219aaa51c3f0a00b', 'v1.5': '522b44c0ce8d1909618324cb083d69e5c7a0a234',
     'v1.6': 'd53baa7f84687d156bd8a3a80d7ea2fbd8e0a993', 'v1.9': '79d34c1762169e5b0370ec491cef5ca12e6b504c',
     'main': 'd923fdb815cd2016ddaebdaaa51db04133576d72'}
TAG = {'v1.0': 'v1.0.0', 'v1.5': 'v1.5.0', 'v1.6': 'v1.6.0', 'v1.9': 'v1.9.0', 'main': 'main'}
HB = 'pkg/hypervisor/kvm/hypervisorbackend_test.go'
RR = 'pkg/virt-controller/services/renderresources_test.go'
TT = 'pkg/virt-controller/services/template_test.go'
NR = {'v1.9': 'pkg/network/resources/memory_test.go'}

cases = []


def cluster(**kw):
    c = {'arch': 'amd64', 'memoryOvercommit': 100, 'cpuAllocationRatio': 10, 'additionalGuestMemoryOverheadRatio': None,
         'featureGates': [], 'autoMemoryLimitsRatio': None, 'namespaceHasMemoryLimitQuota': False}
    c.update(kw)
    return c


def tmpl_cluster(arch='amd64', **kw):
    """the template_test.go fake cluster: KubeVirt CR with virtualMachineOptions.disableSerialConsoleLog set."""
    return cluster(arch=arch, disableSerialConsoleLog=True, **kw)


def add(cid, ver, line, spec, clu, asserted, notes, derived=False, annotations=None, src=None, what='pod',
        lit=None, webhook_note=None, extra_expect=None, omit=(), webhook_applied=False, path_override=None):
    """what: 'overhead' = test calls GetMemoryOverhead only; 'pod' = RenderLaunchManifest.
    lit: dict of literal values the test asserts (checked against the model)."""
    raw = spec
    if webhook_applied:
        spec = webhook(ver, spec, clu)
    arch = spec.get('architecture') or clu['arch'] if V(ver) >= (1, 2) else clu['arch']
    terms = []
    go = get_memory_overhead(ver, spec, arch, clu.get('additionalGuestMemoryOverheadRatio'), terms)
    net = net_overhead(ver, spec, clu.get('networkBindings'))
    o = go + net
    exp = {'overheadBytes': int(o)}
    if net:
        exp['netBindingOverheadBytes'] = int(net)
    if what == 'pod':
        req, lim = render(ver, spec, clu, o, annotations)
        def conv(dct):
            out = {}
            for k in sorted(dct):
                out[k] = canon(dct[k]) if k == 'cpu' else int(value(dct[k]))
            return out
        exp['computeRequests'] = conv(req)
        exp['computeLimits'] = conv(lim)
        cont = [('compute', req, lim)] + support_containers(ver, spec, clu)
        exp['qosClass'] = qos(cont)
        eff = dict(req)
        for k, x in lim.items():
            if k in ('cpu', 'memory'):
                eff.setdefault(k, x)
        if set(eff) != set(req):
            exp['computeRequestsAfterApiDefaulting'] = conv(eff)
    if extra_expect:
        exp.update(extra_expect)
    for k in omit:
        top, _, sub = k.partition('.')
        if sub:
            exp[top].pop(sub, None)
        else:
            exp.pop(top, None)
    # cross-check the literals the test asserts
    for k, want in (lit or {}).items():
        top, _, sub = k.partition('.')
        got = exp[top][sub] if sub else exp[top]
        if callable(want):
            ok = want(got)
        else:
            ok = got == want
        if not ok:
            print('MISMATCH', cid, k, got, want, file=sys.stderr)
            sys.exit(1)
    path = src or {'overhead': HB if V(ver) >= (1, 8) else RR}.get(what, TT)
    c = {'id': '%s/%s' % (ver, cid), 'kubevirtVersion': ver,
         'source': '%s:%d @ %s %s' % (path, line, TAG[ver], C[ver]),
         'cluster': clu, 'vmiSpec': raw}
    if annotations:
        c['vmiAnnotations'] = annotations
    c['webhookApplied'] = webhook_applied
    if webhook_applied:
        c['vmiSpecAfterWebhook'] = spec
    c['entryPoint'] = 'GetMemoryOverhead' if what == 'overhead' else 'RenderLaunchManifest'
    c['expect'] = exp
    c['asserted'] = asserted
    c['overheadTerms'] = [{'name': n, 'bytes': b} for n, b in terms] + ([{'name': 'netBinding', 'bytes': int(net)}] if net else [])
    c['derived'] = derived
    wn = webhook_note or ''
    if webhook_applied:
        c['notes'] = (notes + ' Input is BEFORE the mutating webhook; vmiSpecAfterWebhook shows the defaults applied by the model of pkg/defaults (SPEC 5.2 step 0).').strip()
    else:
        c['notes'] = (notes + (' ' if notes else '') + 'Test input is the raw VMI (no mutating webhook). ' + wn).strip()
    cases.append(c)


# ============================================================== GetMemoryOverhead unit tests
def base_spec():
    return {'domain': {'resources': {'requests': {'memory': '1Gi'}, 'limits': {}}}}


WH_BASE = {
    'v1.5': 'Webhook would add: cpu {sockets:1,cores:1,threads:1} (same 1 vCPU), memory.guest=1Gi, architecture=cluster default; no change to the result.',
    'v1.6': 'Webhook would add: cpu {sockets:1,cores:1,threads:1} (same 1 vCPU), memory.guest=1Gi, architecture=cluster default; no change to the result.',
    'v1.9': 'Webhook would add: cpu {sockets:1,cores:1,threads:1} (same 1 vCPU), memory.guest=1Gi, architecture=cluster default; no change to the result.',
    'main': 'Webhook would add: cpu {sockets:1,cores:1,threads:1} (same 1 vCPU), memory.guest=1Gi, architecture=cluster default; no change to the result.',
}

GMO_LINES = {
    'v1.5': dict(base=512, topo=533, lim=562, req=563, nogfx=573, arm=584, hostdev=608, gpu=609, sriov=610, dm=618,
                 lp=644, rp=645, both=646, sev=657, tpm=676, r32=706, rbad=707, ded=733, wq=734),
    'v1.6': dict(base=607, topo=628, lim=657, req=658, nogfx=668, arm=679, hostdev=703, gpu=704, sriov=705, dm=713,
                 lp=739, rp=740, both=741, sev=752, tpm=771, r32=801, rbad=802, ded=828, wq=829),
    'v1.9': dict(base=84, topo=105, lim=134, req=135, nogfx=145, arm=156, hostdev=180, gpu=181, sriov=182, dm=190,
                 lp=216, rp=217, both=218, sev=229, tpm=248, r32=278, rbad=279, ded=305, wq=306, ro100=327, ro0=328,
                 h2332=362, h1234=363, h10=364),
}
GMO_LINES['main'] = GMO_LINES['v1.9']
STATIC = {'v1.5': '223Mi', 'v1.6': '223Mi', 'v1.9': '223Mi', 'main': '243Mi'}
VRAM = {'v1.5': 16, 'v1.6': 32, 'v1.9': 32, 'main': 32}


def gmo_cases(ver, subset=None):
    L = GMO_LINES[ver]
    st = STATIC[ver]
    base_lit = q('7Mi') + q(st)
    C8 = 8 * Mi
    vram = VRAM[ver] * Mi
    pre = 'Test expectation: staticOverhead(%s)+baseOverhead(7Mi)' % st
    note0 = '(the test splits 2Mi of page tables for 1Gi + fixed %dMi as 7Mi + %s; the sum is identical).' % (fixed_overhead(V(ver)) // Mi, st)

    def want(*extra):
        t = base_lit
        for e in extra:
            t += e
        return int(t)

    def ok(name):
        return subset is None or name in subset

    if ok('base'):
        add('GetMemoryOverhead/base-1Gi-request', ver, L['base'], base_spec(), cluster(), ['overheadBytes'],
            pre + '+videoRAM(%dMi)+cores(8Mi) %s' % (VRAM[ver], note0), what='overhead',
            lit={'overheadBytes': want(vram, C8)}, webhook_note=WH_BASE[ver])
    if ok('topo'):
        s = base_spec(); s['domain']['cpu'] = {'cores': 2, 'threads': 2, 'sockets': 2}
        add('GetMemoryOverhead/topology-2x2x2', ver, L['topo'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+8*8Mi (8 vCPUs).', what='overhead', lit={'overheadBytes': want(vram, 64 * Mi)},
            webhook_note='Webhook keeps the explicit topology; no change.')
    if ok('lim'):
        s = base_spec(); s['domain']['resources']['requests']['cpu'] = '3'; s['domain']['resources']['limits']['cpu'] = '5'
        add('GetMemoryOverhead/cpu-requests-3-limits-5', ver, L['lim'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+5*8Mi: with no domain.cpu the vCPU count comes from limits.cpu.', what='overhead',
            lit={'overheadBytes': want(vram, 40 * Mi)},
            webhook_note='Webhook would set cpu {sockets:5,cores:1,threads:1} (from limits.cpu) -> same 5 vCPUs.')
    if ok('req'):
        s = base_spec(); s['domain']['resources']['requests']['cpu'] = '3'
        add('GetMemoryOverhead/cpu-requests-3', ver, L['req'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+3*8Mi: vCPUs from requests.cpu.', what='overhead', lit={'overheadBytes': want(vram, 24 * Mi)},
            webhook_note='Webhook would set cpu {sockets:3,cores:1,threads:1} -> same 3 vCPUs.')
    if ok('nogfx'):
        s = base_spec(); s['domain']['devices'] = {'autoattachGraphicsDevice': False}
        add('GetMemoryOverhead/graphics-off', ver, L['nogfx'], s, cluster(), ['overheadBytes'],
            pre + '+cores(8Mi), no videoRAM.', what='overhead', lit={'overheadBytes': want(C8)},
            webhook_note=WH_BASE[ver])
    if ok('arm'):
        add('GetMemoryOverhead/arm64', ver, L['arm'], base_spec(), cluster(arch='arm64'), ['overheadBytes'],
            pre + '+videoRAM+cores+128Mi (cpuArch argument "arm64").', what='overhead',
            lit={'overheadBytes': want(vram, C8, 128 * Mi)}, webhook_note=WH_BASE[ver].replace('cluster default', 'arm64'))
    for key, dev, label in (('hostdev', {'hostDevices': [{'name': 'test'}]}, 'hostdevice'),
                            ('gpu', {'gpus': [{'name': 'test'}]}, 'gpu'),
                            ('sriov', {'interfaces': [{'name': 'test', 'sriov': {}}]}, 'sriov')):
        if ok(key):
            s = base_spec(); s['domain']['devices'] = dev
            add('GetMemoryOverhead/vfio-%s' % label, ver, L[key], s, cluster(), ['overheadBytes'],
                pre + '+videoRAM+cores+1Gi VFIO.', what='overhead', lit={'overheadBytes': want(vram, C8, Gi)},
                webhook_note=WH_BASE[ver])
    if ok('dm'):
        s = base_spec(); s['volumes'] = [{'name': '', 'downwardMetrics': {}}]
        add('GetMemoryOverhead/downward-metrics-volume', ver, L['dm'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+cores+1Mi. (The test volume has no name.)', what='overhead', lit={'overheadBytes': want(vram, C8, Mi)},
            webhook_note=WH_BASE[ver])
    for key, lp, rp, extra in (('lp', True, False, 110), ('rp', False, True, 110), ('both', True, True, 120)):
        if ok(key):
            s = base_spec()
            if lp:
                s['livenessProbe'] = {'exec': {}}
            if rp:
                s['readinessProbe'] = {'exec': {}}
            add('GetMemoryOverhead/exec-probes-%s' % {'lp': 'liveness', 'rp': 'readiness', 'both': 'both'}[key], ver, L[key], s,
                cluster(), ['overheadBytes'], pre + '+videoRAM+cores+%dMi (10Mi per exec probe + 100Mi once).' % extra,
                what='overhead', lit={'overheadBytes': want(vram, C8, extra * Mi)}, webhook_note=WH_BASE[ver])
    if ok('sev'):
        s = base_spec(); s['domain']['launchSecurity'] = {'sev': {}}
        add('GetMemoryOverhead/sev', ver, L['sev'], s, cluster(), ['overheadBytes'], pre + '+videoRAM+cores+256Mi.',
            what='overhead', lit={'overheadBytes': want(vram, C8, 256 * Mi)}, webhook_note=WH_BASE[ver])
    if ok('tpm'):
        s = base_spec(); s['domain']['devices'] = {'tpm': {}}
        add('GetMemoryOverhead/tpm', ver, L['tpm'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+cores+53Mi (the It() is misnamed "should add SEV overhead").', what='overhead',
            lit={'overheadBytes': want(vram, C8, 53 * Mi)}, webhook_note=WH_BASE[ver])
    if ok('r32'):
        b = want(vram, C8)
        exp = b + int(float(scaled_kilo(b)) * (3.2 - 1.0)) * 1000
        add('GetMemoryOverhead/additional-overhead-ratio-3.2', ver, L['r32'], base_spec(),
            cluster(additionalGuestMemoryOverheadRatio='3.2'), ['overheadBytes'],
            'Test expectation: multiplyMemory(base, 3.2) with base=%d: ceil(base/1000)=%d; int64(%d*2.2)=%d; +%d*1000 -> %d.' % (
                b, scaled_kilo(b), scaled_kilo(b), int(float(scaled_kilo(b)) * 2.2), int(float(scaled_kilo(b)) * 2.2), exp),
            what='overhead', lit={'overheadBytes': exp}, webhook_note=WH_BASE[ver])
    if ok('rbad'):
        add('GetMemoryOverhead/additional-overhead-ratio-unparsable', ver, L['rbad'], base_spec(),
            cluster(additionalGuestMemoryOverheadRatio='no_float'), ['overheadBytes'],
            'Unparsable ratio: GetMemoryOverhead logs and returns the overhead accumulated so far (early return).',
            what='overhead', lit={'overheadBytes': want(vram, C8)}, webhook_note=WH_BASE[ver])
    for key, ded in (('ded', True), ('wq', False)):
        if ok(key):
            s = base_spec(); s['domain']['cpu'] = {'cores': 1}
            if ded:
                s['domain']['cpu']['dedicatedCpuPlacement'] = True
            else:
                s['domain']['resources'] = {'requests': {'memory': '1Gi', 'cpu': '4'}, 'limits': {'memory': '1Gi', 'cpu': '4'}}
            pos = 'after the ratio step (no ratio here)' if V(ver) < (1, 6) else 'before the ratio step'
            add('GetMemoryOverhead/guaranteed-100Mi-%s' % ('dedicated-cpu' if ded else 'wants-qos-guaranteed'), ver, L[key], s,
                cluster(), ['overheadBytes'],
                pre + '+videoRAM+cores(8Mi, topology cores:1 wins over cpu 4)+100Mi (%s).' % pos, what='overhead',
                lit={'overheadBytes': want(vram, C8, 100 * Mi)}, webhook_note='Webhook keeps the explicit topology; no change.')
    if ok('ro100') and 'ro100' in L:
        s = base_spec(); s['domain']['memory'] = {'reservedOverhead': {'addedOverhead': '100G'}}
        add('GetMemoryOverhead/reserved-overhead-100G', ver, L['ro100'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+cores+100G (memory.reservedOverhead.addedOverhead, v1.8+).', what='overhead',
            lit={'overheadBytes': want(vram, C8, 10**11)}, webhook_note=WH_BASE[ver])
    if ok('ro0') and 'ro0' in L:
        s = base_spec(); s['domain']['memory'] = {'reservedOverhead': {'addedOverhead': '0'}}
        add('GetMemoryOverhead/reserved-overhead-zero', ver, L['ro0'], s, cluster(), ['overheadBytes'],
            pre + '+videoRAM+cores+0.', what='overhead', lit={'overheadBytes': want(vram, C8)}, webhook_note=WH_BASE[ver])
    for key, r in (('h2332', '2.332'), ('h1234', '1.234'), ('h10', '1.0')):
        if ok(key) and key in L:
            s = {'domain': {'resources': {'requests': {'memory': '1G', 'cpu': '1'}}}}
            orig = get_memory_overhead(ver, s, 'amd64')
            rr = float(r)
            exp = int(orig) + int(float(scaled_kilo(orig)) * (rr - 1.0)) * 1000
            add('GetMemoryOverhead/guest-to-request-headroom-%s' % r, ver, L[key], s,
                cluster(additionalGuestMemoryOverheadRatio=r), ['overheadBytes'],
                'api.NewMinimalVMI with requests memory 1G, cpu 1 (the minimal VMI also carries metadata only). Expected = MultiplyMemory(overhead without ratio=%d, %s): ceil(%d/1000)=%d; int64(%d*(%s-1))*1000=%d.' % (
                    int(orig), r, int(orig), scaled_kilo(orig), scaled_kilo(orig), r, exp - int(orig)),
                what='overhead', lit={'overheadBytes': exp},
                webhook_note='Webhook would set cpu {sockets:1,cores:1,threads:1}, memory.guest=1G; no change.')


gmo_cases('v1.9')
gmo_cases('main', subset={'base', 'topo', 'nogfx', 'arm', 'gpu', 'both', 'r32', 'ded', 'ro100', 'h2332'})
gmo_cases('v1.6', subset={'base', 'lim', 'nogfx', 'arm', 'sriov', 'sev', 'tpm', 'r32', 'rbad', 'ded', 'wq'})
gmo_cases('v1.5', subset={'base', 'topo', 'nogfx', 'arm', 'hostdev', 'dm', 'lp', 'r32', 'rbad', 'ded', 'wq'})

# ============================================================== template_test.go (RenderLaunchManifest)
TL = {  # line numbers of Entry()/It() per version
    'v1.0': dict(c_amd=1994, c_arm=1995, oc_amd=2031, oc_arm=2032, un_amd=2070, un_arm=2071, g=2107, hp=2321, hpd=2400,
                 ratio_cpu=2148, ratio1=2170, ratio10=2196, override=2217, vfio=2744, dm=3014, rt=4030, iso=1683,
                 h=4162),
    'v1.5': dict(c_amd=1912, c_arm=1913, oc_amd=1949, oc_arm=1950, un_amd=1988, un_arm=1989, g=2025, hp=2239, hpd=2318,
                 ratio_cpu=2066, ratio1=2088, ratio10=2114, override=2135, vfio=2662, dm=2963, rt=4076, iso=1623, h=4208),
    'v1.6': dict(c_amd=1977, c_arm=1978, oc_amd=2014, oc_arm=2015, un_amd=2053, un_arm=2054, g=2090, hp=2304, hpd=2383,
                 ratio_cpu=2131, ratio1=2153, ratio10=2179, override=2200, vfio=2727, dm=3038, rt=4339, iso=1688, h=4471),
    'v1.9': dict(c_amd=2228, c_arm=2229, oc_amd=2265, oc_arm=2266, un_amd=2304, un_arm=2305, g=2341, hp=2656, hpd=2736,
                 ratio_cpu=2382, ratio1=2404, ratio10=2430, override=2451, vfio=3070, dm=3382, rt=4973, iso=1858),
    'main': dict(c_amd=2229, c_arm=2230, oc_amd=2266, oc_arm=2267, un_amd=2305, un_arm=2306, g=2342, hp=2657, hpd=2737,
                 ratio_cpu=2383, ratio1=2405, ratio10=2431, override=2452, vfio=3071, dm=3383, rt=5023),
}
WH_PRE17 = {'v1.0': 'v1.0', 'v1.5': 'v1.5', 'v1.6': 'v1.6'}


def mb_ceil(x):
    return math.ceil(F(x, 10**6))


def tcases(ver, subset=None):
    L = TL[ver]
    v = V(ver)

    def ok(n):
        return subset is None or n in subset

    lit_c = {'v1.0': ('1255708517', '2255708517', '1389926245', '2389926245'),
             'v1.5': ('1266194277', '2266194277', '1400412005', '2400412005'),
             'v1.6': ('1282971493', '2282971493', '1417189221', '2417189221'),
             'v1.9': ('1282971493', '2282971493', '1417189221', '2417189221'),
             'main': ('1303943013', '2303943013', '1438160741', '2438160741')}[ver]
    for arch, i in (('amd64', 0), ('arm64', 2)):
        if ok('c_' + arch[:3]):
            s = {'domain': {'devices': {'disableHotplug': True},
                            'resources': {'requests': {'cpu': '1m', 'memory': '1G'}, 'limits': {'cpu': '2m', 'memory': '2G'}}},
                 'architecture': arch}
            add('template/cpu-and-memory-constraints-%s' % arch, ver, L['c_' + arch[:3]], s, tmpl_cluster(arch),
                ['computeRequests.cpu', 'computeLimits.cpu', 'computeRequests.memory', 'computeLimits.memory'],
                'No domain.cpu: overhead vCPUs = ceil(limits.cpu 2m) = 1. The user cpu request/limit win over the %%g request.',
                lit={'computeRequests.memory': int(lit_c[i]), 'computeLimits.memory': int(lit_c[i + 1]),
                     'computeRequests.cpu': '1m', 'computeLimits.cpu': '2m'},
                webhook_note='Webhook would add cpu {sockets:1,cores:1,threads:1} (1 vCPU, same), memory.guest=1G (v1.3+); result unchanged.')
        if ok('oc_' + arch[:3]):
            s = {'domain': {'devices': {'disableHotplug': True},
                            'resources': {'overcommitGuestOverhead': True, 'requests': {'memory': '1G'}, 'limits': {'memory': '2G'}}},
                 'architecture': arch}
            add('template/overcommit-guest-overhead-%s' % arch, ver, L['oc_' + arch[:3]], s, tmpl_cluster(arch),
                ['computeRequests.memory', 'computeLimits.memory'],
                'overcommitGuestOverhead: overhead only on the limit.',
                lit={'computeRequests.memory': 10**9, 'computeLimits.memory': int(lit_c[i + 1])},
                webhook_note='Webhook would add cpu {sockets:1,cores:1,threads:1}; unchanged.')
    un = {'v1.0': (335, 469), 'v1.5': (346, 480), 'v1.6': (362, 497), 'v1.9': (362, 497), 'main': (383, 518)}[ver]
    for arch, mb in (('amd64', un[0]), ('arm64', un[1])):
        if ok('un_' + arch[:3]):
            s = {'domain': {'devices': {'disableHotplug': True}, 'cpu': {'cores': 3},
                            'resources': {'requests': {'cpu': '1m', 'memory': '64M'}}}, 'architecture': arch}
            add('template/unset-resources-%s' % arch, ver, L['un_' + arch[:3]], s, tmpl_cluster(arch),
                ['computeRequests.cpu', 'computeRequests.memory'],
                'Test asserts only ceil(requests.memory / 1e6) == %d; exact bytes derived from the source (3 vCPUs).' % mb,
                derived=True, lit={'computeRequests.cpu': '1m', 'computeRequests.memory': lambda g, mb=mb: mb_ceil(g) == mb},
                webhook_note='Webhook keeps cores:3; unchanged.')
    g = {'v1.0': (335, 318, 469, 453), 'v1.5': (346, 329, 480, 463), 'v1.6': (362, 329, 497, 463),
         'v1.9': (362, 329, 497, 463), 'main': (383, 350, 518, 484)}[ver]
    for arch, val, mb, off in (('amd64', None, g[0], 0), ('amd64', False, g[1], 2), ('arm64', True, g[2], 4), ('arm64', False, g[3], 5)):
        name = 'g_%s_%s' % (arch, val)
        if ok(name):
            s = {'domain': {'devices': {} if val is None else {'autoattachGraphicsDevice': val}, 'cpu': {'cores': 3},
                            'resources': {'requests': {'cpu': '1m', 'memory': '64M'}}}, 'architecture': arch}
            add('template/autoattach-graphics-%s-%s' % ({None: 'unset', True: 'true', False: 'false'}[val], arch), ver,
                L['g'] + off, s, tmpl_cluster(arch), ['computeRequests.memory'],
                'The test replaces devices wholesale (disableHotplug dropped). Asserts only ceil(requests.memory/1e6) == %d; exact bytes derived.' % mb,
                derived=True, lit={'computeRequests.memory': lambda x, mb=mb: mb_ceil(x) == mb},
                webhook_note='Webhook keeps cores:3; unchanged.')
    if ok('ratio'):
        s = {'domain': {'devices': {'disableHotplug': True}, 'cpu': {'cores': 3}}}
        add('template/cpu-request-ratio-default-10-3-cores', ver, L['ratio10'], s, tmpl_cluster(),
            ['computeRequests.cpu'], 'cpuAllocationRatio 10 (default): 3/10=0.3 -> "%gm" of 300 -> "300m". No memory set: request memory = overhead only; QoS Burstable.',
            derived=False, lit={'computeRequests.cpu': '300m'},
            webhook_note='Webhook would not add memory (none given) -> admission would reject the VMI (no memory); the renderer still renders.')
        add('template/cpu-request-ratio-1-3-cores', ver, L['ratio1'], s, tmpl_cluster(cpuAllocationRatio=1),
            ['computeRequests.cpu'], 'cpuAllocationRatio 1: %g of 3 -> "3".', lit={'computeRequests.cpu': '3'},
            webhook_note='Admission would reject (no memory).')
        s2 = {'domain': {'devices': {'disableHotplug': True}, 'cpu': {'cores': 5}, 'resources': {'requests': {'cpu': '150m'}}}}
        add('template/cpu-request-user-wins-ratio-16', ver, L['override'], s2, tmpl_cluster(cpuAllocationRatio=16),
            ['computeRequests.cpu'], 'User cpu request 150m wins over 5/16 (= "312.5m").', lit={'computeRequests.cpu': '150m'},
            webhook_note='Admission would reject (no memory).')
    if ok('hp'):
        mb = {'v1.0': (254, 389), 'v1.5': (265, 399), 'v1.6': (282, 416), 'v1.9': (282, 416), 'main': (303, 437)}[ver]
        for arch, ps, off, m in (('amd64', '2Mi', 0, mb[0]), ('amd64', '1Gi', 1, mb[0]), ('arm64', '1Gi', 3, mb[1])):
            s = {'domain': {'devices': {'disableHotplug': True}, 'memory': {'hugepages': {'pageSize': ps}},
                            'resources': {'requests': {'memory': '64M'}, 'limits': {'memory': '64M'}}}, 'architecture': arch}
            clu = tmpl_cluster(arch)
            if v >= (1, 9):
                clu['disabledFeatureGates'] = ['ImageVolume']
            add('template/hugepages-%s-%s' % (ps, arch), ver, L['hp'] + off, s, clu,
                ['computeRequests.memory', 'computeLimits.memory', 'computeRequests.hugepages-' + ps, 'computeLimits.hugepages-' + ps],
                'Hugepages: memory request = limit = overhead (requests 64M not above guest). Test asserts only ceil(x/1e6) == %d for memory and 64 for hugepages; exact bytes derived.' % m,
                derived=True, lit={'computeRequests.memory': lambda x, m=m: mb_ceil(x) == m,
                                   'computeLimits.hugepages-' + ps: 64000000},
                webhook_note='Webhook (v1.3+) would set memory.guest=64M: then requests (64M) is not > guest -> same result.')
        s = {'domain': {'devices': {'disableHotplug': True}, 'memory': {'hugepages': {'pageSize': '1Gi'}, 'guest': '64M'},
                        'resources': {'requests': {'memory': '70M'}, 'limits': {'memory': '70M'}}}, 'architecture': 'amd64'}
        clu = tmpl_cluster('amd64')
        if v >= (1, 9):
            clu['disabledFeatureGates'] = ['ImageVolume']
        add('template/hugepages-guest-below-request-amd64', ver, L['hpd'], s, clu,
            ['computeRequests.memory', 'computeLimits.memory', 'computeRequests.hugepages-1Gi'],
            'guest 64M < requests 70M: hugepages = guest; memory = overhead + (70M-64M). Test asserts ceil(x/1e6) == %d+6; exact bytes derived.' % mb[0],
            derived=True, lit={'computeRequests.memory': lambda x, m=mb[0]: mb_ceil(x) == m + 6, 'computeRequests.hugepages-1Gi': 64000000},
            webhook_note='Webhook keeps guest; unchanged.')
    if ok('vfio'):
        s = {'domain': {'devices': {'interfaces': [{'name': 'sriov-nic', 'sriov': {}}]}, 'resources': {'requests': {'memory': '1G'}}}}
        add('template/sriov-adds-1Gi-overhead', ver, L['vfio'], s, tmpl_cluster(), ['computeRequests.memory'],
            'Expected = GetMemoryOverhead(vmi) + 1G (test formula); overhead includes the 1Gi VFIO term.',
            webhook_note='Webhook would add cpu {sockets:1,...} (1 vCPU, same) and memory.guest=1G; unchanged.')
    if ok('dm'):
        s = {'domain': {'devices': {'disableHotplug': True}}, 'volumes': [{'name': 'downardMetrics', 'downwardMetrics': {}}]}
        add('template/downward-metrics-adds-1Mi', ver, L['dm'], s, tmpl_cluster(), ['computeRequests.memory'],
            'Test asserts only request(with volume) == request(without) + 1Mi; the VMI has no memory at all, so request = overhead; exact bytes derived.',
            derived=True, webhook_note='Admission would reject (no memory); renderer still renders.')
    if ok('rt'):
        s = {'domain': {'resources': {'requests': {'memory': '1G', 'cpu': '1'}, 'limits': {'memory': '1G', 'cpu': '1'}},
                        'cpu': {'cores': 1, 'sockets': 1, 'threads': 1, 'dedicatedCpuPlacement': True, 'numa': {},
                                'isolateEmulatorThread': True, 'realtime': {}}},
             'volumes': [{'name': 'containerdisk', 'containerDisk': {'image': 'my-image-1'}}]}
        s['domain']['devices'] = {'disks': [{'name': 'containerdisk', 'disk': {'bus': 'virtio'}}]}
        clu = tmpl_cluster()
        add('template/realtime-dedicated-isolated-emulator', ver, L['rt'], s, clu, ['computeRequests.memory'],
            'newMinimalWithContainerDisk + realtime/dedicated/isolateEmulatorThread. Test asserts request = GetMemoryOverhead(vmi) + 1G. cpu (1+1 emulator) and QoS derived.',
            derived=True, webhook_note='Webhook keeps topology; unchanged.')
    if ok('h') and 'h' in L:
        s = {'domain': {'resources': {'requests': {'memory': '1G', 'cpu': '1'}}}}
        orig = get_memory_overhead(ver, s, 'amd64')
        for off, r in ((0, '2.332'), (1, '1.234'), (2, '1.0')):
            rr = float(r)
            exp = int(orig) + int(float(scaled_kilo(orig)) * (rr - 1.0)) * 1000
            add('template/guest-to-request-headroom-%s' % r, ver, L['h'] + off, s,
                cluster(additionalGuestMemoryOverheadRatio=r), ['overheadBytes'],
                'Expected = multiplyMemory(overhead without ratio=%d, %s) = %d.' % (int(orig), r, exp), what='overhead',
                lit={'overheadBytes': exp}, src=TT, webhook_note='Webhook would set cpu {sockets:1,...}; unchanged.')


tcases('v1.9')
tcases('main', subset={'c_amd', 'c_arm', 'un_amd', 'g_amd64_None', 'g_amd64_False', 'hp'})
tcases('v1.6', subset={'c_amd', 'c_arm', 'oc_amd', 'g_amd64_None', 'g_amd64_False', 'hp', 'rt'})
tcases('v1.5', subset={'c_amd', 'c_arm', 'un_amd', 'g_amd64_False', 'hp', 'h'})
tcases('v1.0', subset={'c_amd', 'c_arm', 'oc_amd', 'oc_arm', 'un_amd', 'un_arm', 'g_amd64_None', 'g_amd64_False',
                       'g_arm64_True', 'g_arm64_False', 'hp', 'ratio', 'vfio', 'rt', 'h'})

# ---- isolateEmulatorThread
iso_lines = {'v1.5': 1623, 'v1.6': 1688, 'v1.9': 1858}
for ver, base in iso_lines.items():
    for off, ann, cores, want in ((0, {}, 3, '4'), (1, {}, 2, '3'), (2, True, 3, '4'), (3, True, 4, '6')):
        a = {'alpha.kubevirt.io/EmulatorThreadCompleteToEvenParity': ''} if ann else None
        s = {'domain': {'devices': {'disableHotplug': True},
                        'cpu': {'cores': cores, 'threads': 1, 'dedicatedCpuPlacement': True, 'isolateEmulatorThread': True}}}
        add('template/isolate-emulator-thread-%d-cores%s' % (cores, '-even-parity-annotation' if ann else ''), ver, base + off, s,
            tmpl_cluster(), ['computeLimits.cpu'],
            'Test asserts only limits.cpu == %s. The VMI has no memory: request memory = overhead; memory limit absent (v1.6+) '
            'or = overhead (v1.0-v1.5, WithCPUPinning copies the 0 request); overhead/QoS derived.' % want,
            derived=True, annotations=a, lit={'computeLimits.cpu': want},
            webhook_note='Admission would reject (no memory). The parity annotation is on the VMI here; the webhook copies it from the KubeVirt CR only with the AlignCPUs gate.')
add('template/isolate-emulator-thread-2-cores', 'v1.0', 1683,
    {'domain': {'devices': {'disableHotplug': True}, 'cpu': {'cores': 2, 'dedicatedCpuPlacement': True, 'isolateEmulatorThread': True}}},
    tmpl_cluster(), ['computeLimits.cpu'],
    'Test asserts limits.cpu == 3. v1.0: no cpu request rendered (Kubernetes defaults it to the limit); memory request = limit = overhead (WithCPUPinning copies the absent request as 0, then +overhead); QoS derived.',
    derived=True, lit={'computeLimits.cpu': '3'}, webhook_note='Admission would reject (no memory).')

# ---- memory overcommit (v1.9 template_test 'should honor memoryOvercommit when set in the CR')
mo = [('guest-memory-only', {'memory': {'guest': '1Gi'}}, 2561, True),
      ('hugepages-only', {'memory': {'hugepages': {'pageSize': '1Gi'}}}, 2562, True),
      ('requests-only', {'resources': {'requests': {'memory': '1Gi'}}}, 2559, False),
      ('limits-only', {'resources': {'limits': {'memory': '1Gi'}}}, 2560, False),
      ('guest-and-hugepages', {'memory': {'guest': '1Gi', 'hugepages': {'pageSize': '1Gi'}}}, 2570, True)]
for name, dom, line, expect_oc in mo:
    for oc in (100, 110):
        s = {'domain': copy.deepcopy(dom)}
        nm = 'template/memory-overcommit-%d-%s' % (oc, name)
        if expect_oc:
            note = 'Test asserts (request(100) - overhead) * 100 / 110 == request(110) - overhead (integer division), overhead from GetMemoryOverhead on the raw VMI (no requests.memory -> page tables 0).'
        else:
            note = 'Test asserts request(110) == request(100): an explicit request or limit turns memoryOvercommit off.'
        if name == 'limits-only':
            note += ' v1.7+: limits-only memory counts as "wants Guaranteed" for memory, but cpu has no request -> no +100Mi; request := limit in WithMemoryRequests; page tables 0 (spec has no requests.memory).'
        if name == 'hugepages-only':
            note += ' Hugepages: compute memory = overhead only; the hugepages-1Gi quantity is the page size * 100/oc (not a whole page at 110: quirk of the source).'
        add(nm, 'v1.9', line, s, tmpl_cluster(memoryOvercommit=oc), ['computeRequests.memory'], note + ' Exact values derived.',
            derived=True, webhook_note='v1.7+ webhook does not touch requests.memory; it would set memory.guest (from limits / hugepage size) and cpu {sockets:1,...}; with webhook, guest-only stays guest-only.')

# ---- auto memory limits (v1.9)
rq = dict(namespaceHasMemoryLimitQuota=True)
s = {'domain': {'resources': {'requests': {'memory': '64M'}}}}
add('template/auto-memory-limits-default-ratio', 'v1.9', 5802, s, tmpl_cluster(**rq), ['computeLimits.memory'],
    'Quota with limits.memory in the namespace: limit = int64(float64(request incl. overhead) * 2.0).', derived=False,
    webhook_note='Webhook would add cpu {sockets:1,...} and guest 64M; unchanged.')
add('template/auto-memory-limits-ratio-label-3.2', 'v1.9', 5877, s, tmpl_cluster(autoMemoryLimitsRatio='3.2', **rq),
    ['computeLimits.memory'], 'Namespace label alpha.kubevirt.io/auto-memory-limits-ratio=3.2: limit = int64(float64(request) * 3.2).',
    webhook_note='unchanged')
add('template/auto-memory-limits-ratio-label-not-a-float', 'v1.9', 5876, s, tmpl_cluster(autoMemoryLimitsRatio='not_a_float', **rq),
    ['computeLimits.memory'], 'Unparsable label -> default 2.0.', webhook_note='unchanged')
s2 = {'domain': {'resources': {'requests': {'memory': '64M'}}, 'cpu': {'dedicatedCpuPlacement': True}}}
add('template/auto-memory-limits-dedicated-cpu-wins', 'v1.9', 5798, s2, tmpl_cluster(**rq),
    ['computeRequests.memory', 'computeLimits.memory'],
    'Dedicated CPU (no cores given: 0 vCPUs in the renderer, 1 in the overhead): memory limit = request before overhead, then +overhead; the auto limit (calculatedLimits) is shadowed by vmLimits.',
    webhook_note='Webhook would set cpu {sockets:1,cores:1,threads:1} -> then the renderer pins 1 cpu (request=limit=1).')
s3 = {'domain': {'resources': {'requests': {'memory': '64M'}, 'limits': {'memory': '64M'}}, 'cpu': {'dedicatedCpuPlacement': False}}}
add('template/auto-memory-limits-vmi-limits-win', 'v1.9', 5797, s3, tmpl_cluster(**rq), ['computeRequests.memory', 'computeLimits.memory'],
    'VMI has limits.memory: no auto limit.', webhook_note='unchanged')
add('template/auto-memory-limits-quota-without-limits-memory', 'v1.9', 5884, s, tmpl_cluster(),
    ['computeLimits.memory'], 'Quota without limits.memory: no memory limit (test asserts Limits.Memory().Value() == 0 -> absent).',
    omit=(), webhook_note='unchanged')
for ver, line in (('v1.5', 4905), ('v1.6', 5192)):
    add('template/auto-memory-limits-default-ratio', ver, line, s, tmpl_cluster(**rq), ['computeLimits.memory'],
        'Auto memory limits on by default from v1.5 (no AutoResourceLimitsGate needed).', webhook_note='unchanged')

# ---- network binding plugin / passt binding (v1.9 pkg/network/resources/memory_test.go)
pl = {'plugin1': {'computeResourceOverhead': {'requests': {'memory': '500Mi'}}},
      'plugin2': {'computeResourceOverhead': {'requests': {'memory': '600Mi'}}}}
NRL = 'pkg/network/resources/memory_test.go'
for name, ifaces, plugins, line, want in (
        ('two-ifaces-same-plugin', [{'name': 'net1', 'binding': {'name': 'plugin1'}}, {'name': 'net2', 'binding': {'name': 'plugin1'}}], {'plugin1': pl['plugin1']}, 116, 500),
        ('two-ifaces-different-plugins', [{'name': 'net1', 'binding': {'name': 'plugin1'}}, {'name': 'net2', 'binding': {'name': 'plugin2'}}], pl, 134, 1100),
        ('passt-binding', [{'name': 'default', 'passtBinding': {}}], {}, 202, 250),
        ('passt-binding-and-plugin', [{'name': 'default', 'passtBinding': {}}, {'name': 'net1', 'binding': {'name': 'plugin1'}}], {'plugin1': pl['plugin1']}, 210, 750)):
    s = {'domain': {'devices': {'interfaces': ifaces}}, 'networks': [{'name': i['name'], 'pod': {}} if i['name'] == 'default' else {'name': i['name']} for i in ifaces]}
    add('network-resources/memory-overhead-%s' % name, 'v1.9', line, s, tmpl_cluster(networkBindings=plugins),
        ['netBindingOverheadBytes'],
        'MemoryCalculator.Calculate only (test asserts %dMi). It is added after GetMemoryOverhead, unscaled by the ratio; overheadBytes = GetMemoryOverhead(libvmi.New() spec, no memory) + this; derived.' % want,
        derived=True, src=NRL, what='overhead', lit={'netBindingOverheadBytes': want * Mi},
        webhook_note='libvmi.New() sets no memory: admission would reject; overhead still computable.')

# ---- webhook-applied example cases (derived, documented rules; not from tests)
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'extra.py')).read())
json.dump(cases, open(sys.argv[1], 'w'), indent=1)
from collections import Counter
print(len(cases), Counter(c['kubevirtVersion'] for c in cases))
for c in cases:
    if '/derived/' in c['id']:
        c['asserted'] = []
        c['derived'] = True
    if '/network-resources/' in c['id']:
        c['entryPoint'] = 'MemoryCalculator.Calculate'
    if c['cluster'].get('disabledFeatureGates') is None:
        pass
json.dump(cases, open(sys.argv[1], 'w'), indent=1)
ids = [c['id'] for c in cases]
assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
