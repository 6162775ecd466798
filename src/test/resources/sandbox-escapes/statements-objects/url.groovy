new URL('http://127.0.0.1/').text
