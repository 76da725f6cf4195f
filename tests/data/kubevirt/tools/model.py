"""Reference model of KubeVirt virt-launcher resources, per minor version (.0 tags) and main.
Used only to compute/check the transcribed test cases.  Exact arithmetic with Fractions;
float64 where Go uses float64 (Python float == IEEE binary64), float32 via struct rounding."""
import math, re, struct
from decimal import Decimal
from fractions import Fraction as F

Ki, Mi, Gi = 1024, 1024**2, 1024**3

SUF = {'n': F(1, 10**9), 'u': F(1, 10**6), 'm': F(1, 1000), '': F(1), 'k': F(1000), 'M': F(10**6),
       'G': F(10**9), 'T': F(10**12), 'P': F(10**15), 'E': F(10**18),
       'Ki': F(Ki), 'Mi': F(Mi), 'Gi': F(Gi), 'Ti': F(1024**4), 'Pi': F(1024**5), 'Ei': F(1024**6)}
QRE = re.compile(r'^([+-]?)(\d*\.?\d*)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$')


def q(s):
    """resource.MustParse -> exact value (Fraction), rounded up to nano precision like apimachinery."""
    if isinstance(s, (int, F)):
        return F(s)
    m = QRE.match(s)
    if not m or m.group(2) in ('', '.'):
        raise ValueError('bad quantity %r' % s)
    sign, num, exp, suf = m.groups()
    v = F(Decimal(num)) if num else F(0)
    if exp:
        v *= F(10) ** int(exp[1:])
    else:
        v *= SUF[suf or '']
    if sign == '-':
        v = -v
    nano = v * 10**9
    if nano.denominator != 1:  # apimachinery rounds up (away from zero for positives) to nano scale
        v = F(math.ceil(nano), 10**9)
    return v


def value(v):
    """Quantity.Value(): rounded up to integer."""
    return math.ceil(v)


def scaled_kilo(v):
    return math.ceil(F(v) / 1000)


def canon(v):
    """Canonical DecimalSI string of a quantity (cpu)."""
    v = F(v)
    if v == 0:
        return '0'
    for e, s in ((18, 'E'), (15, 'P'), (12, 'T'), (9, 'G'), (6, 'M'), (3, 'k'), (0, ''), (-3, 'm'), (-6, 'u'), (-9, 'n')):
        m = v / (F(10) ** e)
        if m.denominator == 1:
            return '%d%s' % (m.numerator, s)
    raise ValueError(v)


def go_g(x):
    """fmt.Sprintf("%g", x) for 1e-4 <= |x| < 1e21 (shortest repr, exponent only when exp<-4 or exp>=21)."""
    r = repr(float(x))
    d = Decimal(r)
    if d == d.to_integral_value():
        return str(int(d))
    s = format(d, 'f')
    return s.rstrip('0').rstrip('.') if '.' in s else s


GOFLOAT = re.compile(r'^[+-]?((\d+(_\d+)*)?\.?\d*([eE][+-]?\d+)?|inf|infinity|nan)$', re.I)


def go_parse_float(s):
    """strconv.ParseFloat(s, 64); returns None on error (decimal forms, inf, nan; no whitespace)."""
    if s is None or s == '' or not GOFLOAT.match(s) or '_' in s:
        return None
    try:
        f = float(s)
    except ValueError:
        return None
    if math.isinf(f) and 'inf' not in s.lower():
        return None  # ErrRange
    return f


def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


# ---------------------------------------------------------------- versions
def V(ver):
    if ver == 'main':
        return (1, 99)
    a, b = ver.lstrip('v').split('.')[:2]
    return (int(a), int(b))


def fixed_overhead(v):
    # monitor + launcher + virtlogd + virtqemud + qemu + IOThread(8Mi)
    if v < (1, 5):
        return (25 + 100 + 20 + 35 + 30 + 8) * Mi
    if v < (1, 99):
        return (25 + 100 + 25 + 40 + 30 + 8) * Mi
    return (25 + 100 + 25 + 40 + 50 + 8) * Mi


# ---------------------------------------------------------------- spec helpers
def res(spec, kind, name):
    r = spec.get('domain', {}).get('resources', {}).get(kind) or {}
    return q(r[name]) if name in r else None


def has(spec, kind, name):
    return name in (spec.get('domain', {}).get('resources', {}).get(kind) or {})


def nvcpus(cpu):
    vc = cpu.get('cores', 0)
    if cpu.get('sockets', 0):
        vc = cpu['sockets'] if vc == 0 else vc * cpu['sockets']
    if cpu.get('threads', 0):
        vc = cpu['threads'] if vc == 0 else vc * cpu['threads']
    return vc


def dedicated(spec):
    cpu = spec.get('domain', {}).get('cpu')
    return bool(cpu and cpu.get('dedicatedCpuPlacement'))


def wants_guaranteed(v, spec):
    rm, lm = res(spec, 'requests', 'memory') or 0, res(spec, 'limits', 'memory') or 0
    rc, lc = res(spec, 'requests', 'cpu') or 0, res(spec, 'limits', 'cpu') or 0
    cpu_ok = rc != 0 and rc == lc
    if v >= (1, 7):
        mem_ok = (rm == 0 and lm != 0) or (rm != 0 and rm == lm)
    else:
        mem_ok = rm != 0 and rm == lm
    return mem_ok and cpu_ok


def io_threads(spec):
    return (spec.get('domain', {}).get('ioThreads') or {}).get('supplementalPoolThreadCount') or 0


def additional_cpus(spec):
    d = spec.get('domain', {})
    if d.get('ioThreadsPolicy') == 'supplementalPool' and (d.get('ioThreads') or {}).get('supplementalPoolThreadCount') is not None:
        return d['ioThreads']['supplementalPoolThreadCount']
    return 0


# ---------------------------------------------------------------- GetMemoryOverhead
def get_memory_overhead(ver, spec, arch, ratio=None, terms=None):
    v = V(ver)
    terms = terms if terms is not None else []
    d = spec.get('domain', {})
    dev = d.get('devices', {})
    R = res(spec, 'requests', 'memory') or F(0)
    o = F(0)

    def add(name, x):
        nonlocal o
        o += x
        terms.append((name, int(x)))

    add('pagetables', (scaled_kilo(R) * 1000) // 512)
    add('fixed', fixed_overhead(v))
    if d.get('cpu') is not None:
        vc = nvcpus(d['cpu'])
    elif has(spec, 'limits', 'cpu'):
        vc = value(res(spec, 'limits', 'cpu'))
    elif has(spec, 'requests', 'cpu'):
        vc = value(res(spec, 'requests', 'cpu'))
    else:
        vc = 0
    vc = max(vc, 1)
    add('vcpus', 8 * Mi * vc)
    g = dev.get('autoattachGraphicsDevice')
    if g is None or g is True:
        add('graphics', (16 if v < (1, 6) else 32) * Mi)
    if arch == 'arm64':
        add('arm64', 128 * Mi)
    if dev.get('hostDevices') or dev.get('gpus') or any('sriov' in i for i in dev.get('interfaces', [])):
        add('vfio', Gi)
    if any('downwardMetrics' in vol for vol in spec.get('volumes', [])):
        add('downwardMetrics', Mi)
    lp = 'exec' in (spec.get('livenessProbe') or {})
    rp = 'exec' in (spec.get('readinessProbe') or {})
    if lp:
        add('livenessProbe', 10 * Mi)
    if rp:
        add('readinessProbe', 10 * Mi)
    if lp or rp:
        add('virtProbe', 100 * Mi)
    ls = d.get('launchSecurity') or {}
    if 'sev' in ls or (v >= (1, 7) and 'snp' in ls):
        add('sev', 256 * Mi)
    tpm = dev.get('tpm')
    if tpm is not None and (v < (1, 6) or tpm.get('enabled') is not False):
        add('tpm', 53 * Mi)
    if v < (1, 3):
        for i in dev.get('interfaces', []):
            if 'passt' in i and not i.get('ports'):
                add('passt', 800 * Mi)
    guar = dedicated(spec) or wants_guaranteed(v, spec)
    if v >= (1, 6) and guar:
        add('guaranteed', 100 * Mi)
    if v >= (1, 8):
        ro = (d.get('memory') or {}).get('reservedOverhead') or {}
        if 'addedOverhead' in ro:
            add('reservedOverhead', q(ro['addedOverhead']))
    if ratio is not None and (v < (1, 1) or ratio != ''):
        r = go_parse_float(ratio)
        if r is None:
            return o  # early return: skips the post-ratio +100Mi in v1.1-v1.5
        addition = int(float(scaled_kilo(o)) * (r - 1.0)) * 1000
        add('ratio', addition)
    if (1, 1) <= v < (1, 6) and guar:
        add('guaranteed', 100 * Mi)
    return o


def net_overhead(ver, spec, plugins):
    """Added by the template after GetMemoryOverhead (never scaled by the ratio)."""
    v = V(ver)
    tot = F(0)
    if v >= (1, 8) and any('passtBinding' in i for i in spec.get('domain', {}).get('devices', {}).get('interfaces', [])):
        tot += 250 * Mi
    if v >= (1, 3):
        seen = set()
        for i in spec.get('domain', {}).get('devices', {}).get('interfaces', []):
            b = i.get('binding')
            if not b or b['name'] in seen or b['name'] not in (plugins or {}):
                continue
            seen.add(b['name'])
            p = plugins[b['name']] or {}
            mem = ((p.get('computeResourceOverhead') or {}).get('requests') or {}).get('memory')
            if mem is not None:
                tot += q(mem)
    return tot


# ---------------------------------------------------------------- renderer
def render(ver, spec, cluster, overhead, annotations=None):
    v = V(ver)
    annotations = annotations or {}
    d = spec.get('domain', {})
    rs = d.get('resources', {})
    vmReq = {k: q(x) for k, x in (rs.get('requests') or {}).items() if k in ('cpu', 'memory')}
    vmLim = {k: q(x) for k, x in (rs.get('limits') or {}).items() if k in ('cpu', 'memory')}
    cReq, cLim = {}, {}
    mem = d.get('memory') or {}
    oc = cluster.get('memoryOvercommit', 100)
    # v1.7+: WithMemoryRequests (predicate: spec requests.memory IsZero)
    if v >= (1, 7) and (res(spec, 'requests', 'memory') or 0) == 0:
        lim, req = vmLim.get('memory'), vmReq.get('memory')
        if lim is not None and lim != 0 and (req is None or req == 0):
            vmReq['memory'] = lim
        if 'memory' not in vmReq:
            m = None
            if mem.get('guest') is not None:
                m = q(mem['guest'])
            elif mem.get('hugepages') is not None:
                m = q(mem['hugepages']['pageSize'])
            if m is not None and value(m) > 0:
                vmReq['memory'] = m if oc == 100 else F(value(m) * 100 // oc)
    cpu = d.get('cpu')
    if dedicated(spec):
        vc = nvcpus(cpu)
        parity = 'alpha.kubevirt.io/EmulatorThreadCompleteToEvenParity' in annotations and v >= (1, 2)
        if v < (1, 6):
            if vc != 0:
                cLim['cpu'] = F(vc)
            elif 'cpu' in vmLim:
                vmReq['cpu'] = vmLim['cpu']
            elif 'cpu' in vmReq:
                vmLim['cpu'] = vmReq['cpu']
            if cpu.get('isolateEmulatorThread'):
                lim = cLim.get('cpu', F(0))
                n = 1
                extra = additional_cpus(spec) if v >= (1, 5) else 0
                if parity and (value(lim) + extra) % 2 == 0:
                    n = 2
                vmLim['cpu'] = lim + n
                if 'cpu' in vmReq:
                    vmReq['cpu'] += n
            vmLim['memory'] = vmReq.get('memory', F(0))
        else:
            io = io_threads(spec)
            if vc != 0:
                vmLim['cpu'] = vmReq['cpu'] = F(vc + io)
            else:
                if 'cpu' in vmLim:
                    vmLim['cpu'] += io
                if 'cpu' in vmReq:
                    vmReq['cpu'] += io
            if cpu.get('isolateEmulatorThread'):
                lim = vmLim.get('cpu', F(0))
                n = 2 if parity and (value(lim) + additional_cpus(spec)) % 2 == 0 else 1
                vmLim['cpu'] = lim + n
                if 'cpu' in vmReq:
                    vmReq['cpu'] += n
            if 'memory' in vmReq:
                vmLim['memory'] = vmReq['memory']
    else:
        vc = nvcpus(cpu) if cpu is not None else 1
        total = vc + (io_threads(spec) if v >= (1, 6) else 0)
        ratio = cluster.get('cpuAllocationRatio', 10)
        if total != 0 and ratio > 0:
            val = float(total) / float(ratio)
            s = go_g(val)
            if val < 1:
                s = go_g(val * 1000) + 'm'
            cReq['cpu'] = q(s)
            auto_cpu = not has(spec, 'limits', 'cpu') and (
                cluster.get('autoCPULimitNamespaceMatch') or
                (cluster.get('namespaceHasCPULimitQuota') and v >= (1, 1) and
                 (v >= (1, 5) or 'AutoResourceLimitsGate' in cluster.get('featureGates', []))))
            if auto_cpu:
                cLim['cpu'] = F(total)
    if mem.get('hugepages') is not None:
        hp = 'hugepages-' + mem['hugepages']['pageSize']
        hreq = vmReq.get('memory', F(0))
        guest = q(mem['guest']) if mem.get('guest') is not None else None
        if guest is not None and value(hreq) > value(guest):
            hreq = guest
        cReq[hp] = cLim[hp] = hreq
        rd, ld = F(0), F(0)
        if guest is not None:
            r_, l_ = vmReq.get('memory', F(0)), vmLim.get('memory', F(0))
            if value(r_) > value(guest):
                rd = r_ - guest
            if value(l_) > value(guest):
                ld = l_ - guest
        vmReq['memory'] = rd + overhead
        if 'memory' in vmLim:
            vmLim['memory'] = ld + overhead
    else:
        r_ = vmReq.get('memory', F(0))
        if not rs.get('overcommitGuestOverhead'):
            r_ += overhead
        vmReq['memory'] = r_
        if 'memory' in vmLim:
            vmLim['memory'] += overhead
    auto_mem = v >= (1, 1) and not has(spec, 'limits', 'memory') and cluster.get('namespaceHasMemoryLimitQuota') and \
        (v >= (1, 5) or 'AutoResourceLimitsGate' in cluster.get('featureGates', []))
    if auto_mem:
        r = go_parse_float(cluster.get('autoMemoryLimitsRatio'))
        if r is None or r < 1.0:
            r = 2.0
        cLim['memory'] = F(int(float(value(vmReq['memory'])) * r))
    if v == (1, 5) and d.get('ioThreadsPolicy') == 'supplementalPool' and io_threads(spec) > 0:
        vmLim['cpu'] = vmLim.get('cpu', F(0)) + io_threads(spec)
    req = dict(cReq); req.update(vmReq)
    lim = dict(cLim); lim.update(vmLim)
    return req, lim


def support_containers(ver, spec, cluster):
    """[(name, req, lim)] of cpu/memory for the other launcher containers (no hook sidecars)."""
    v = V(ver)
    guar = dedicated(spec) or wants_guaranteed(v, spec)
    out = []
    dev = spec.get('domain', {}).get('devices', {})
    if v >= (1, 1):
        en = True
        if dev.get('autoattachSerialConsole') is False:
            en = False
        elif dev.get('logSerialConsole') is not None:
            en = dev['logSerialConsole']
        else:
            en = not cluster.get('disableSerialConsoleLog', False)
        if en:
            if guar:
                out.append(('guest-console-log', {'cpu': q('15m'), 'memory': q('60M')}, {'cpu': q('15m'), 'memory': q('60M')}))
            else:
                out.append(('guest-console-log', {'cpu': q('5m'), 'memory': q('35M')}, {'cpu': q('15m'), 'memory': q('60M')}))
    cds = [vol for vol in spec.get('volumes', []) if 'containerDisk' in vol]
    imagevol = v >= (1, 9) and 'ImageVolume' not in cluster.get('disabledFeatureGates', [])
    if cds:
        small = ({'cpu': q('10m'), 'memory': q('40M')},) * 2 if guar else ({'cpu': q('1m'), 'memory': q('1M')}, {'cpu': q('10m'), 'memory': q('40M')})
        if not imagevol:
            binary = ({'cpu': q('10m'), 'memory': q('40M')},) * 2 if guar else ({'cpu': q('10m'), 'memory': q('1M')}, {'cpu': q('100m'), 'memory': q('40M')})
            out.append(('container-disk-binary',) + binary)
            for vol in cds:
                out.append(('volume%s-init' % vol['name'],) + small)
                out.append(('volume%s' % vol['name'],) + small)
        else:
            for vol in cds:
                out.append(('volume%s' % vol['name'],) + small)
    return out


def qos(containers):
    """containers: [(name, req, lim)]; Kubernetes QoS with API defaulting (limit w/o request -> request=limit)."""
    any_set, guaranteed = False, True
    for _, req, lim in containers:
        req = {k: x for k, x in req.items() if k in ('cpu', 'memory')}
        lim = {k: x for k, x in lim.items() if k in ('cpu', 'memory')}
        for k, x in lim.items():
            req.setdefault(k, x)
        if any(x != 0 for x in req.values()) or any(x != 0 for x in lim.values()):
            any_set = True
        for k in ('cpu', 'memory'):
            if k not in lim or k not in req or lim[k] == 0 or req[k] != lim[k]:
                guaranteed = False
    if not any_set:
        return 'BestEffort'
    return 'Guaranteed' if guaranteed else 'Burstable'


def webhook(ver, spec, cluster):
    """Mutating webhook defaults that matter for memory/CPU (SetDefaultVirtualMachineInstanceSpec)."""
    import copy
    v = V(ver)
    s = copy.deepcopy(spec)
    if not s.get('architecture'):
        s['architecture'] = cluster.get('arch', 'amd64')
    d = s.setdefault('domain', {})
    rs = d.setdefault('resources', {})
    req = rs.setdefault('requests', {})
    lim = rs.get('limits') or {}
    if (q(lim['cpu']) if 'cpu' in lim else 0) != 0 and (q(req['cpu']) if 'cpu' in req else 0) == 0:
        req['cpu'] = lim['cpu']
    mem = d.get('memory') or {}
    if v < (1, 7):
        if (q(lim['memory']) if 'memory' in lim else 0) != 0 and (q(req['memory']) if 'memory' in req else 0) == 0:
            req['memory'] = lim['memory']
        if 'memory' not in req:
            m = q(mem['guest']) if mem.get('guest') is not None else (q(mem['hugepages']['pageSize']) if mem.get('hugepages') else None)
            if m is not None and value(m) > 0:
                oc = cluster.get('memoryOvercommit', 100)
                req['memory'] = mem['guest'] if (oc == 100 and mem.get('guest') is not None) else (
                    mem['hugepages']['pageSize'] if oc == 100 else str(value(m) * 100 // oc))
    cr = cluster.get('cpuRequest')
    if cr is not None and q(cr) != q('100m') and 'cpu' not in req and not (d.get('cpu') or {}).get('dedicatedCpuPlacement'):
        req['cpu'] = cr
    if v >= (1, 3) and mem.get('guest') is None:
        g = None
        if (q(req['memory']) if 'memory' in req else 0) != 0:
            g = req['memory']
        elif (q(lim['memory']) if 'memory' in lim else 0) != 0:
            g = lim['memory']
        elif mem.get('hugepages'):
            g = mem['hugepages']['pageSize']
        d.setdefault('memory', {})
        if g is not None:
            d['memory']['guest'] = g
    cpu = d.get('cpu')
    if cpu is None or (not cpu.get('cores') and not cpu.get('sockets') and not cpu.get('threads')):
        cpu = d.setdefault('cpu', {})
        sockets = 1
        if 'cpu' in lim:
            sockets = value(q(lim['cpu']))
        elif 'cpu' in req:
            sockets = value(q(req['cpu']))
        cpu.update({'sockets': sockets, 'cores': 1, 'threads': 1})
    if not req:
        rs.pop('requests')
    return s
