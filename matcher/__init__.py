"""The pro bono matching platform for human rights defenders under legal attack."""

from flask import Flask

from . import config


def create_app(test_config: dict | None = None) -> Flask:
    """Assemble the application: configuration, extensions, blueprints, commands."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_object(config.Defaults)
    if test_config is None:
        config.load_from_environment(app.config)
    else:
        app.config.update(test_config)
    config.fill_instance_defaults(app.config, app.instance_path)
    _register_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _register_extensions(app: Flask) -> None:
    from .accounts import sessions
    from .core import crypto, mail
    from .extensions import csrf, db, limiter, login_manager, migrate
    from .jobs import runner, tasks  # noqa: F401 - importing the tasks registers them
    from .web import headers, input_guard, languages, proxies, requestlog, templating, transactions

    requestlog.init_app(app)  # first: its clock and id cover every other hook
    crypto.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    mail.init_app(app)
    runner.init_app(app)
    login_manager.init_app(app)
    sessions.init_login(login_manager)
    templating.init_app(app)
    languages.init_app(app)
    proxies.init_app(app)
    headers.init_app(app)
    input_guard.init_app(app)
    sessions.init_app(app)
    transactions.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .coordinator import bp as coordinator_bp
    from .defender import bp as defender_bp
    from .firm import bp as firm_bp
    from .web import logs
    from .web.errors import register_error_pages
    from .web.health import bp as health_bp
    from .web.home import bp as home_bp
    from .web.languages import bp as languages_bp

    for blueprint in (home_bp, health_bp, languages_bp, auth_bp, defender_bp, firm_bp, coordinator_bp, admin_bp,
                      api_bp):
        app.register_blueprint(blueprint)
    register_error_pages(app)
    logs.init_app(app)  # after the blueprints: it reads their URL rules


def _register_commands(app: Flask) -> None:
    from .cli import register_commands

    register_commands(app)
