# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_density_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= A/all-namespaces l/selector= request-timeout= color= h/help V/version
end

function __fish_kubectl_density_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_density_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_density_using_subcommand
    set -l cmd (__fish_kubectl_density_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "lint" -d 'Check VM manifests (or live VMs) against the density recommendations and KubeVirt\'s validity rules'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "apply-overcommit" -d 'Rewrite manifests (or live VMs) to apply the recommendations, with a diff preview'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "explain" -d 'Show the launcher pod\'s memory overhead, requests, limits and QoS class, term by term'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "eviction" -d 'Show the kubelet eviction and reservation settings of nodes'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "plan" -d 'How many of these VMs fit on a node, for each density strategy'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "rules" -d 'List the lint rules, or print one rule\'s documentation'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish), or install kubectl\'s plugin completion helper (kubectl-plugin)'
complete -c kubectl-density -n "__fish_kubectl_density_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s f -l filename -d 'A file, directory or `-` (stdin) with VM manifests; repeatable' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l kind -d 'Live mode: only VMs or only VMIs' -r -f -a "vm\t''
vmi\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
sarif\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l fail-on -d 'Exit 1 when a finding is at or above this severity [default: warning]' -r -f -a "error\t''
warning\t''
info\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l select -d 'Only run these rules (code or name); repeatable, or comma-separated' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l ignore -d 'Never run these rules (code or name); repeatable, or comma-separated' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l config -d 'The config file (default: .kubectl-density.yaml in this directory or a parent)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l kubevirt-version -d 'KubeVirt version to model: v1.0 … v1.9 or main (default: v1.9; live: the cluster\'s)' -r -f -a "v1.0\t''
v1.1\t''
v1.2\t''
v1.3\t''
v1.4\t''
v1.5\t''
v1.6\t''
v1.7\t''
v1.8\t''
v1.9\t''
main\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l arch -d 'CPU architecture (default: spec.architecture, else amd64)' -r -f -a "amd64\t''
arm64\t''
s390x\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l memory-overcommit -d 'Cluster memoryOvercommit percentage (developerConfiguration.memoryOvercommit)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l cpu-allocation-ratio -d 'Cluster cpuAllocationRatio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l rollout-strategy -d 'vmRolloutStrategy (default: LiveUpdate from v1.6, Stage before)' -r -f -a "LiveUpdate\t''
Stage\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l overhead-ratio -d 'additionalGuestMemoryOverheadRatio (a float ≥ 1)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l auto-limits-ratio -d 'Simulate a namespace whose ResourceQuota sets limits.memory, with this ratio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l kubevirt-config -d 'A KubeVirt CR manifest supplying the cluster knobs' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l node-memory -d 'Node memory capacity, for OOM scores and fit numbers (e.g. 64Gi)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s R -l recursive -d 'Read directories given with -f recursively'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l no-ignore-annotations -d 'Do not honour kubectl-density/ignore annotations (for CI policies)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -l nodes -d 'Also check the nodes\' kubelet eviction settings (needs cluster access)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand lint" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s f -l filename -d 'A file, directory or `-` (stdin) with VM manifests; repeatable' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l ratio -d 'Make guest memory R × the memory request (R > 1)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l guest-memory -d 'Set memory.guest to this quantity' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s o -l output -d 'With -f -: print the rewritten YAML (yaml) or the diff (diff)' -r -f -a "diff\t''
yaml\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l kubevirt-version -d 'KubeVirt version to model: v1.0 … v1.9 or main (default: v1.9; live: the cluster\'s)' -r -f -a "v1.0\t''
v1.1\t''
v1.2\t''
v1.3\t''
v1.4\t''
v1.5\t''
v1.6\t''
v1.7\t''
v1.8\t''
v1.9\t''
main\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l arch -d 'CPU architecture (default: spec.architecture, else amd64)' -r -f -a "amd64\t''
arm64\t''
s390x\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l memory-overcommit -d 'Cluster memoryOvercommit percentage (developerConfiguration.memoryOvercommit)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l cpu-allocation-ratio -d 'Cluster cpuAllocationRatio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l rollout-strategy -d 'vmRolloutStrategy (default: LiveUpdate from v1.6, Stage before)' -r -f -a "LiveUpdate\t''
Stage\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l overhead-ratio -d 'additionalGuestMemoryOverheadRatio (a float ≥ 1)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l auto-limits-ratio -d 'Simulate a namespace whose ResourceQuota sets limits.memory, with this ratio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l kubevirt-config -d 'A KubeVirt CR manifest supplying the cluster knobs' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l node-memory -d 'Node memory capacity, for OOM scores and fit numbers (e.g. 64Gi)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s R -l recursive -d 'Read directories given with -f recursively'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l overhead -d 'Set overcommitGuestOverhead: true (the default edit when none is given)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l no-graphics -d 'Set autoattachGraphicsDevice: false'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l write -d 'Write the files in place instead of showing a diff'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l force -d 'Apply edits that are only risky (not those KubeVirt rejects)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l apply -d 'Live mode: patch the VirtualMachines (after a server-side dry-run)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -l continue-on-error -d 'Write the files that parsed even when others failed to parse'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand apply-overcommit" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s f -l filename -d 'A file, directory or `-` (stdin) with VM manifests; repeatable' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l kind -d 'Live mode: VM or VMI' -r -f -a "vm\t''
vmi\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l kubevirt-version -d 'KubeVirt version to model: v1.0 … v1.9 or main (default: v1.9; live: the cluster\'s)' -r -f -a "v1.0\t''
v1.1\t''
v1.2\t''
v1.3\t''
v1.4\t''
v1.5\t''
v1.6\t''
v1.7\t''
v1.8\t''
v1.9\t''
main\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l arch -d 'CPU architecture (default: spec.architecture, else amd64)' -r -f -a "amd64\t''
arm64\t''
s390x\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l memory-overcommit -d 'Cluster memoryOvercommit percentage (developerConfiguration.memoryOvercommit)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l cpu-allocation-ratio -d 'Cluster cpuAllocationRatio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l rollout-strategy -d 'vmRolloutStrategy (default: LiveUpdate from v1.6, Stage before)' -r -f -a "LiveUpdate\t''
Stage\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l overhead-ratio -d 'additionalGuestMemoryOverheadRatio (a float ≥ 1)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l auto-limits-ratio -d 'Simulate a namespace whose ResourceQuota sets limits.memory, with this ratio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l kubevirt-config -d 'A KubeVirt CR manifest supplying the cluster knobs' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l node-memory -d 'Node memory capacity, for OOM scores and fit numbers (e.g. 64Gi)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s R -l recursive -d 'Read directories given with -f recursively'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand explain" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s f -l filename -d 'A configz JSON dump or a KubeletConfiguration YAML file, instead of the cluster' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
yaml\t''
json\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l concurrency -d 'How many nodes to read at once' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l node-memory -d 'With -f: the node\'s memory capacity (e.g. 64Gi), to compute allocatable memory and resolve percentage thresholds (live nodes report their own)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand eviction" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s f -l filename -d 'A file, directory or `-` (stdin) with VM manifests; repeatable' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l node -d 'Use this live node\'s eviction config, allocatable and free memory' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l system-reserved -d 'Reserved for the system (systemReserved memory)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l kube-reserved -d 'Reserved for Kubernetes (kubeReserved memory)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l eviction-hard -d 'Hard eviction threshold for memory.available (default 100Mi)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
yaml\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l kubevirt-version -d 'KubeVirt version to model: v1.0 … v1.9 or main (default: v1.9; live: the cluster\'s)' -r -f -a "v1.0\t''
v1.1\t''
v1.2\t''
v1.3\t''
v1.4\t''
v1.5\t''
v1.6\t''
v1.7\t''
v1.8\t''
v1.9\t''
main\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l arch -d 'CPU architecture (default: spec.architecture, else amd64)' -r -f -a "amd64\t''
arm64\t''
s390x\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l memory-overcommit -d 'Cluster memoryOvercommit percentage (developerConfiguration.memoryOvercommit)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l cpu-allocation-ratio -d 'Cluster cpuAllocationRatio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l rollout-strategy -d 'vmRolloutStrategy (default: LiveUpdate from v1.6, Stage before)' -r -f -a "LiveUpdate\t''
Stage\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l overhead-ratio -d 'additionalGuestMemoryOverheadRatio (a float ≥ 1)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l auto-limits-ratio -d 'Simulate a namespace whose ResourceQuota sets limits.memory, with this ratio' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l kubevirt-config -d 'A KubeVirt CR manifest supplying the cluster knobs' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l node-memory -d 'Node memory capacity, for OOM scores and fit numbers (e.g. 64Gi)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s R -l recursive -d 'Read directories given with -f recursively'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand plan" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s o -l output -d 'Output format' -r -f -a "text\t''
json\t''
markdown\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s h -l help -d 'Print help'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand rules" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)' -r -F
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l context -d 'The kubeconfig context to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l user -d 'The kubeconfig user to use' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -s n -l namespace -d 'The namespace (default: the context\'s)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -s l -l selector -d 'Label selector, e.g. app=web,tier!=db' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l request-timeout -d 'How long to wait for one server request (e.g. 30s, 1m; 0 = no timeout)' -r
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -l color -d 'When to colour output: auto (only on a terminal, not with NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -s A -l all-namespaces -d 'All namespaces'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion" -s V -l version -d 'Print version'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "lint" -d 'Check VM manifests (or live VMs) against the density recommendations and KubeVirt\'s validity rules'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "apply-overcommit" -d 'Rewrite manifests (or live VMs) to apply the recommendations, with a diff preview'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "explain" -d 'Show the launcher pod\'s memory overhead, requests, limits and QoS class, term by term'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "eviction" -d 'Show the kubelet eviction and reservation settings of nodes'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "plan" -d 'How many of these VMs fit on a node, for each density strategy'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "rules" -d 'List the lint rules, or print one rule\'s documentation'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "completion" -d 'Print a shell completion script (bash, zsh, fish), or install kubectl\'s plugin completion helper (kubectl-plugin)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand help; and not __fish_seen_subcommand_from lint apply-overcommit explain eviction plan rules completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-density -n "__fish_kubectl_density_using_subcommand completion; and not __fish_seen_subcommand_from bash zsh fish kubectl-plugin" -f -a "bash\t'' zsh\t'' fish\t'' kubectl-plugin\t'Install `kubectl_complete-density` next to the plugin binary'"
