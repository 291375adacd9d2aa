"""A Flask application with flask-cors (Debian's python3-flask and python3-flask-cors): pages on
https://app.test, the API on https://api.test, one process for both.
`/usr/bin/python3 server.py [--broken]` listens on 127.0.0.1:$PORT.

  correct  CORS(app, origins=['https://app.test'], supports_credentials=True, ...)
  broken   CORS(app, supports_credentials=True): flask-cors' default origins '*' with credentials
           answers every request's Origin back, so every site reads with the user's cookies
"""
import base64
import os
import sys

from flask import Flask, jsonify, make_response
from flask_cors import CORS

app = Flask(__name__)
if '--broken' in sys.argv:
    CORS(app, supports_credentials=True)
else:
    CORS(app, origins=['https://app.test'], supports_credentials=True, methods=['GET', 'PUT'], allow_headers=['Content-Type', 'X-CSRF-Token'])

PNG = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR42mP4z8AARAwQCgAf7gP9Y167WwAAAABJRU5ErkJggg==')


@app.get('/health')
def health():
    return 'ok'


@app.get('/api/me')
def me():
    return jsonify(user='ada', email='ada@app.test')


@app.put('/api/me')
def save():
    return jsonify(saved=True)


@app.get('/avatar.png')
def avatar():
    r = make_response(PNG)
    r.headers['Content-Type'] = 'image/png'
    r.headers['Cross-Origin-Resource-Policy'] = 'same-site'
    return r


@app.get('/account')
def account():
    r = make_response('<!doctype html><meta charset="utf-8"><title>Account</title><h1>Account</h1>')
    r.headers['X-Frame-Options'] = 'DENY'
    r.headers['Content-Security-Policy'] = "frame-ancestors 'none'"
    return r


if __name__ == '__main__':
    app.run(host='127.0.0.1', port=int(os.environ.get('PORT', '5000')))
