using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MinLGan.Torch.Tests;

/// <summary>
/// Finds, in compiled IL, every place where a <c>TorchSharp.Scalar</c> is made and handed to libtorch with nothing
/// managed holding it. TorchSharp 0.107 frees a Scalar's native value in its finalizer, and a temporary's handle is
/// the last use of the object, so a collection on any other thread during the native call can free the value libtorch
/// is reading ("Expected false to be true … toFloat"). Dispose scopes do not track Scalars.
/// <para>
/// In TorchSharp itself, a method is tainted when it makes a Scalar (<c>op_Implicit</c>, <c>ToScalar</c>) or calls,
/// constructs or points to a tainted method; a module or optimizer type is tainted when one of its own virtual methods
/// is, and then so is every <c>newobj</c> of it. In our code a Scalar may be made only when it is kept: stored in a
/// local that a <c>finally</c> disposes (a <c>using</c>), or in a static read-only field (alive for the process).
/// </para>
/// </summary>
internal sealed class TemporaryScalarScan
{
    private readonly Dictionary<MethodDefinition, string> _tainted = new();
    private readonly Dictionary<TypeDefinition, List<MethodDefinition>> _taintedVirtuals = new();

    public TemporaryScalarScan(ModuleDefinition torchSharp)
    {
        var callers = new Dictionary<MethodDefinition, List<(MethodDefinition Caller, OpCode Op)>>();
        var work = new Queue<MethodDefinition>();
        foreach (var type in torchSharp.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var (callee, op) in Callees(method))
                {
                    if (IsScalarMaker(callee))
                    {
                        if (!IsScalarMaker(method) && _tainted.TryAdd(method, $"makes a Scalar ({callee.DeclaringType.Name}.{callee.Name})"))
                            work.Enqueue(method);
                        continue;
                    }
                    if (callee.DeclaringType.Scope != torchSharp && callee.DeclaringType.Module != torchSharp) continue;
                    var def = Resolve(callee);
                    if (def is null) continue;
                    if (!callers.TryGetValue(def, out var list)) callers[def] = list = [];
                    list.Add((method, op));
                }
            }
        }

        while (work.Count > 0)
        {
            var method = work.Dequeue();
            var reason = Describe(method);
            foreach (var (caller, _) in callers.GetValueOrDefault(method) ?? [])
                if (_tainted.TryAdd(caller, $"calls {reason}")) work.Enqueue(caller);

            if (method.IsVirtual && !method.IsAbstract && IsModuleOrOptimizer(method.DeclaringType))
            {
                // The declaring type and every TorchSharp type that inherits this virtual without overriding it.
                foreach (var type in torchSharp.GetTypes().Where(t => Inherits(t, method)))
                {
                    if (!_taintedVirtuals.TryGetValue(type, out var virtuals)) _taintedVirtuals[type] = virtuals = [];
                    virtuals.Add(method);
                    foreach (var ctor in type.Methods.Where(m => m.IsConstructor && !m.IsStatic))
                    {
                        // newobj only: a constructor chaining to this one (this(...), base(...)) constructs nothing new.
                        foreach (var (caller, op) in callers.GetValueOrDefault(ctor) ?? [])
                            if (op == OpCodes.Newobj && _tainted.TryAdd(caller, $"constructs {type.Name}, whose {method.Name} makes temporary Scalars"))
                                work.Enqueue(caller);
                    }
                }
            }
        }
    }

    /// <summary>Whether a TorchSharp method, by its full name, is tainted.</summary>
    public bool IsTainted(string fullNameFragment) => _tainted.Keys.Any(m => m.FullName.Contains(fullNameFragment, StringComparison.Ordinal));

    /// <summary>Every place in <paramref name="ours"/> that makes, or calls TorchSharp code that makes, an unkept Scalar.</summary>
    public IReadOnlyList<string> Findings(ModuleDefinition ours)
    {
        // Our module resolves TorchSharp through its own reader: match by full name, not by object.
        var tainted = _tainted.ToDictionary(p => p.Key.FullName, p => p.Value);
        var taintedVirtuals = _taintedVirtuals.ToDictionary(p => p.Key.FullName, p => p.Value);
        var findings = new List<string>();
        foreach (var type in ours.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                var instructions = method.Body.Instructions;
                for (int i = 0; i < instructions.Count; i++)
                {
                    var ins = instructions[i];
                    if (ins.Operand is not MethodReference callee) continue;
                    if (IsScalarMaker(callee))
                    {
                        if (!IsKept(method, i))
                            findings.Add($"{Name(method)} IL_{ins.Offset:x4}: a temporary Scalar ({callee.Name}), neither in a using nor a static read-only field");
                        continue;
                    }
                    var def = Resolve(callee);
                    if (def is null || !tainted.TryGetValue(def.FullName, out var reason) && !taintedVirtuals.ContainsKey(def.DeclaringType.FullName))
                        continue;
                    if (def.IsConstructor && ins.OpCode == OpCodes.Call && method.IsConstructor)
                    {
                        // A base constructor: fine when our type overrides every virtual that makes temporaries.
                        var missing = (taintedVirtuals.GetValueOrDefault(def.DeclaringType.FullName) ?? [])
                            .Where(v => !type.Methods.Any(m => m.Name == v.Name && m.IsVirtual && !m.IsNewSlot && m.Parameters.Count == v.Parameters.Count))
                            .Select(v => v.Name).ToList();
                        if (missing.Count > 0)
                            findings.Add($"{Name(method)}: derives from {def.DeclaringType.Name} and inherits {string.Join(", ", missing)}, which make temporary Scalars");
                        if (reason is not null)
                            findings.Add($"{Name(method)} IL_{ins.Offset:x4}: base constructor {def.DeclaringType.Name} {reason}");
                        continue;
                    }
                    if (reason is null && def.IsConstructor)
                        reason = $"constructs {def.DeclaringType.Name}, whose {string.Join(", ", taintedVirtuals[def.DeclaringType.FullName].Select(v => v.Name))} makes temporary Scalars";
                    if (reason is not null)
                        findings.Add($"{Name(method)} IL_{ins.Offset:x4}: {def.DeclaringType.Name}.{def.Name} {reason}");
                }
            }
        }
        return findings;
    }

    private static IEnumerable<(MethodReference Callee, OpCode Op)> Callees(MethodDefinition method) =>
        method.Body.Instructions.Where(i => i.Operand is MethodReference).Select(i => ((MethodReference)i.Operand, i.OpCode));

    private static bool IsScalarMaker(MethodReference m) =>
        m.DeclaringType.FullName switch
        {
            "TorchSharp.Scalar" => m.Name == "op_Implicit",
            "TorchSharp.ScalarExtensionMethods" => m.Name == "ToScalar",
            _ => false,
        };

    /// <summary>Whether <paramref name="type"/> is, or derives from, the virtual's type without overriding it on the way.</summary>
    private static bool Inherits(TypeDefinition type, MethodDefinition virtualMethod)
    {
        for (var t = type; t is not null;)
        {
            if (t == virtualMethod.DeclaringType) return true;
            if (t.Methods.Any(m => m.Name == virtualMethod.Name && m.IsVirtual && m.Parameters.Count == virtualMethod.Parameters.Count))
                return false;
            try { t = t.BaseType?.Resolve(); }
            catch (AssemblyResolutionException) { return false; }
        }
        return false;
    }

    private static MethodDefinition? Resolve(MethodReference m)
    {
        try { return m.Resolve(); }
        catch (AssemblyResolutionException) { return null; }
    }

    private static bool IsModuleOrOptimizer(TypeDefinition? type)
    {
        for (var t = type; t is not null;)
        {
            var name = t.FullName;
            if (name.StartsWith("TorchSharp.torch/nn/Module", StringComparison.Ordinal)
                || name == "TorchSharp.torch/optim/Optimizer"
                || name == "TorchSharp.Modules.OptimizerHelper")
                return true;
            try { t = t.BaseType?.Resolve(); }
            catch (AssemblyResolutionException) { return false; }
        }
        return false;
    }

    /// <summary>A made Scalar is kept when it goes straight into a static read-only field or into a local a finally disposes.</summary>
    private static bool IsKept(MethodDefinition method, int index)
    {
        var instructions = method.Body.Instructions;
        if (index + 1 >= instructions.Count) return false;
        var next = instructions[index + 1];
        if (next.OpCode == OpCodes.Stsfld && next.Operand is FieldReference f && f.Resolve() is { IsInitOnly: true })
            return true;
        int? local = Local(next, store: true);
        if (local is null) return false;
        foreach (var handler in method.Body.ExceptionHandlers.Where(h => h.HandlerType == ExceptionHandlerType.Finally))
        {
            for (var ins = handler.HandlerStart; ins is not null && ins != handler.HandlerEnd; ins = ins.Next)
            {
                if (Local(ins, store: false) == local && DisposesSoon(ins)) return true;
            }
        }
        return false;
    }

    /// <summary>A Dispose call within the next few instructions (`if (local != null) local.Dispose()` loads it again first).</summary>
    private static bool DisposesSoon(Instruction load)
    {
        var ins = load.Next;
        for (int k = 0; k < 4 && ins is not null; k++, ins = ins.Next)
            if (ins.Operand is MethodReference { Name: "Dispose" }) return true;
        return false;
    }

    /// <summary>The local an stloc (<paramref name="store"/>) or ldloc instruction names, else null.</summary>
    private static int? Local(Instruction ins, bool store) => (ins.OpCode.Code, store) switch
    {
        (Code.Stloc_0, true) or (Code.Ldloc_0, false) => 0,
        (Code.Stloc_1, true) or (Code.Ldloc_1, false) => 1,
        (Code.Stloc_2, true) or (Code.Ldloc_2, false) => 2,
        (Code.Stloc_3, true) or (Code.Ldloc_3, false) => 3,
        (Code.Stloc or Code.Stloc_S, true) or (Code.Ldloc or Code.Ldloc_S, false) => ((VariableDefinition)ins.Operand).Index,
        _ => null,
    };

    private static string Name(MethodDefinition m) => $"{m.DeclaringType.FullName}::{m.Name}";

    private static string Describe(MethodDefinition m) => $"{m.DeclaringType.Name}.{m.Name}";
}
