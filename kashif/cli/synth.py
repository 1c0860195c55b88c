"""``kashif synth ARCHIVE... -o OUT.jsonl``: training data from an outlet's own articles."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "synth",
        help="splice machine-written sentences into your human articles to make training data",
        description="Read human articles (JSONL or .txt), splice in sentences from a file or from a chat "
        "model you run, and write corpus JSONL for `kashif train`.",
    )
    p.add_argument("archive", nargs="+", help="human articles: .jsonl files, .txt files or folders of them")
    p.add_argument("-o", "--output", required=True, help="corpus JSONL to write")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--sentences", metavar="FILE", help="machine-written sentences, one a line, optionally STYLE<TAB>SENTENCE")
    src.add_argument("--llm-url", metavar="URL", help="OpenAI-compatible endpoint you run, e.g. http://127.0.0.1:8080/v1")
    p.add_argument("--llm-model", metavar="NAME", help="model name sent to --llm-url (required with it)")
    p.add_argument("--api-key-env", metavar="VAR", help="environment variable holding the endpoint's API key")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each model answer (default 60)")
    p.add_argument("--seed", type=int, default=0, help="random seed: same inputs and seed give the same output")
    p.add_argument("--clean-share", type=float, default=0.22, help="share of articles left without insertions (default 0.22)")
    p.add_argument("--max-insertions", type=int, default=4, help="most insertions in one article (default 4)")
    p.add_argument("--max-end-share", type=float, default=0.35, help="most insertions at paragraph ends, as a share (default 0.35)")
    p.add_argument("--text-field", default="text", help="JSON field of the article text (default text)")
    p.add_argument("--id-field", default="id", help="JSON field of the article id (default id)")
    p.add_argument("--title-field", default="title", help="JSON field of the title, if any (default title)")
    p.add_argument("--topic-field", default="topic", help="JSON field of the topic, if any (default topic)")
    p.add_argument("--date-field", default="date", help="JSON field of the date, if any (default date)")
    p.add_argument("--limit", type=int, default=None, help="stop after N articles")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from ..errors import InputError
    from ..synth import ChatSentences, Fields, SentenceFile, synthesize

    if args.sentences:
        source = SentenceFile(args.sentences)
    else:
        from ..llm import ChatClient

        if not args.llm_model:
            raise InputError("--llm-url needs --llm-model NAME")
        key = None
        if args.api_key_env:
            key = os.environ.get(args.api_key_env)
            if not key:
                raise InputError(f"environment variable {args.api_key_env} is not set")
        source = ChatSentences(ChatClient(args.llm_url, args.llm_model, api_key=key, timeout=args.timeout))
    fields = Fields(id=args.id_field, text=args.text_field, title=args.title_field, topic=args.topic_field, date=args.date_field)
    stats = synthesize(
        args.archive,
        args.output,
        source,
        seed=args.seed,
        clean_share=args.clean_share,
        max_insertions=args.max_insertions,
        max_end_share=args.max_end_share,
        fields=fields,
        limit=args.limit,
    )
    line = f"synth: {stats.summary(args.output)}"
    if source.rejected:
        what = "sentence-file lines" if args.sentences else "model answers"
        line += f"; {source.rejected} {what} refused (not one Arabic sentence)"
    print(line, file=sys.stderr)
    return 0
